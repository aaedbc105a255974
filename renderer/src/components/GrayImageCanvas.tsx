import { useEffect, useRef } from 'react';

export interface OverlayMinutia {
  x: number;
  y: number;
  angle: number;
  type: 'ending' | 'bifurcation' | 'other';
}

function decode(base64: string): Uint8Array {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * An 8-bit gray image from main (base64, row-major) on a canvas, optionally with minutiae drawn on top:
 * endings in blue, bifurcations in orange, each with a tick in its direction.
 */
export function GrayImageCanvas(props: { width: number; height: number; pixelsBase64: string; minutiae?: readonly OverlayMinutia[]; scale?: number; label: string; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { width, height, pixelsBase64, minutiae, scale = 1 } = props;
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const gray = decode(pixelsBase64);
    const rgba = new ImageData(width, height);
    for (let i = 0; i < width * height; i++) {
      const v = gray[i] ?? 255;
      rgba.data[i * 4] = v;
      rgba.data[i * 4 + 1] = v;
      rgba.data[i * 4 + 2] = v;
      rgba.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(rgba, 0, 0);
    for (const m of minutiae ?? []) {
      ctx.strokeStyle = m.type === 'bifurcation' ? '#e8590c' : '#1c7ed6';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.arc(m.x, m.y, 4, 0, Math.PI * 2);
      ctx.moveTo(m.x, m.y);
      // Angles count counter-clockwise with y up; the canvas y axis points down.
      ctx.lineTo(m.x + Math.cos(m.angle) * 10, m.y - Math.sin(m.angle) * 10);
      ctx.stroke();
    }
  }, [width, height, pixelsBase64, minutiae]);
  return <canvas ref={ref} width={width} height={height} className="gray-canvas" role="img" aria-label={props.label} data-testid={props.testId} style={{ width: width * scale, height: height * scale }} />;
}
