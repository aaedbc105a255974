/**
 * A finger minutiae record kept in the exact units of its format, so that decode → encode reproduces
 * the bytes. Conversions to the engine's pixel/radian model live in `convert.ts`.
 */
export type TemplateFormat = 'incits378' | 'iso19794';

export interface RecordMinutia {
  /** Minutia Type code: 0 other, 1 ridge ending, 2 bifurcation. */
  readonly type: number;
  /** Pixels, 14 bits. */
  readonly x: number;
  readonly y: number;
  /** In the format's unit: INCITS 2° (0..179), ISO 360/256° (0..255); counter-clockwise from +x. */
  readonly angle: number;
  /** 0..100. */
  readonly quality: number;
}

/** One extended data area, kept opaque (ridge counts, cores/deltas or vendor data). */
export interface ExtendedDataArea {
  readonly typeId: number;
  readonly data: Uint8Array;
}

export interface FingerView {
  readonly fingerPosition: number;
  readonly viewNumber: number;
  readonly impressionType: number;
  /** Finger quality 0..100. */
  readonly quality: number;
  readonly minutiae: readonly RecordMinutia[];
  readonly extendedData: readonly ExtendedDataArea[];
}

export interface MinutiaeRecord {
  readonly format: TemplateFormat;
  /** INCITS 378 only: CBEFF Product Identifier (owner, type); absent in ISO 19794-2:2005. */
  readonly productOwner?: number;
  readonly productType?: number;
  /** INCITS 378 only: the 6-byte Length of Record form was used although the short form would fit. */
  readonly longLength?: boolean;
  /** Capture Equipment: 4-bit compliance/certification flags and 12-bit equipment ID. */
  readonly equipmentCompliance: number;
  readonly equipmentId: number;
  /** Image size in pixels. */
  readonly width: number;
  readonly height: number;
  /** Pixels per centimetre. */
  readonly xResolution: number;
  readonly yResolution: number;
  readonly views: readonly FingerView[];
}
