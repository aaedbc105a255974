/**
 * Engine features (pixels, radians) ↔ minutiae records (format units). The record keeps one finger
 * view per finger; the resolution fields are pixels per centimetre.
 */
import type { FingerprintFeatures, Minutia, MinutiaType } from '../types';
import {
  CM_PER_INCH,
  MINUTIA_TYPE_BIFURCATION,
  MINUTIA_TYPE_OTHER,
  MINUTIA_TYPE_RIDGE_ENDING,
  QUALITY_MAX,
} from './constants';
import type { FingerView, MinutiaeRecord, TemplateFormat } from './model';
import { angleUnits } from './views';
import { InvalidInputError } from '../../common/errors';

const TWO_PI = 2 * Math.PI;
/** A finger view can carry at most 255 minutiae (1-byte count). */
const MAX_MINUTIAE_PER_VIEW = 255;

const TYPE_CODE: Record<MinutiaType, number> = {
  ending: MINUTIA_TYPE_RIDGE_ENDING,
  bifurcation: MINUTIA_TYPE_BIFURCATION,
  other: MINUTIA_TYPE_OTHER,
};

export interface RecordOptions {
  format: TemplateFormat;
  /** Finger Position code, 0 = unknown. */
  fingerPosition?: number;
  /** Impression Type, 0 = live-scan plain. */
  impressionType?: number;
  viewNumber?: number;
  equipmentId?: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function toFormatAngle(radians: number, format: TemplateFormat): number {
  const units = angleUnits(format);
  const a = Math.round((((radians % TWO_PI) + TWO_PI) % TWO_PI) * units / TWO_PI);
  return a % units;
}

export function fromFormatAngle(value: number, format: TemplateFormat): number {
  return (value * TWO_PI) / angleUnits(format);
}

function toView(features: FingerprintFeatures, options: RecordOptions): FingerView {
  // Keep the best minutiae when the 1-byte count overflows (not expected at sane densities).
  const chosen = features.minutiae.length <= MAX_MINUTIAE_PER_VIEW
    ? features.minutiae
    : [...features.minutiae].sort((a, b) => b.quality - a.quality).slice(0, MAX_MINUTIAE_PER_VIEW);
  return {
    fingerPosition: options.fingerPosition ?? 0,
    viewNumber: options.viewNumber ?? 0,
    impressionType: options.impressionType ?? 0,
    quality: clamp(Math.round(features.quality), 0, QUALITY_MAX),
    minutiae: chosen.map((m) => ({
      type: TYPE_CODE[m.type],
      x: clamp(Math.round(m.x), 0, Math.max(0, features.width - 1)),
      y: clamp(Math.round(m.y), 0, Math.max(0, features.height - 1)),
      angle: toFormatAngle(m.angle, options.format),
      quality: clamp(Math.round(m.quality), 0, QUALITY_MAX),
    })),
    extendedData: [],
  };
}

export function featuresToRecord(features: FingerprintFeatures | readonly FingerprintFeatures[], options: RecordOptions): MinutiaeRecord {
  const list = Array.isArray(features) ? (features as readonly FingerprintFeatures[]) : [features as FingerprintFeatures];
  if (list.length === 0) throw new InvalidInputError('TEMPLATE_EMPTY', 'A template needs at least one finger view.');
  const first = list[0];
  const ppcm = Math.round(first.dpi / CM_PER_INCH);
  const base = {
    format: options.format,
    equipmentCompliance: 0,
    equipmentId: options.equipmentId ?? 0,
    width: first.width,
    height: first.height,
    xResolution: ppcm,
    yResolution: ppcm,
    views: list.map((f, i) => toView(f, { ...options, viewNumber: options.viewNumber ?? i })),
  };
  return options.format === 'incits378' ? { ...base, productOwner: 0, productType: 0, longLength: false } : base;
}

const TYPE_NAME: Record<number, MinutiaType> = {
  [MINUTIA_TYPE_RIDGE_ENDING]: 'ending',
  [MINUTIA_TYPE_BIFURCATION]: 'bifurcation',
  [MINUTIA_TYPE_OTHER]: 'other',
};

/** The features of one finger view; dpi from the record's X resolution (pixels/cm × 2.54, rounded). */
export function recordToFeatures(record: MinutiaeRecord, viewIndex = 0): FingerprintFeatures {
  const view = record.views[viewIndex];
  if (!view) {
    throw new InvalidInputError('TEMPLATE_NO_VIEW', `The template has no finger view number ${viewIndex + 1}.`, { views: record.views.length });
  }
  const minutiae: Minutia[] = view.minutiae.map((m) => ({
    x: m.x,
    y: m.y,
    angle: fromFormatAngle(m.angle, record.format),
    type: TYPE_NAME[m.type] ?? 'other',
    quality: m.quality,
  }));
  return {
    width: record.width,
    height: record.height,
    dpi: Math.round(record.xResolution * CM_PER_INCH),
    minutiae,
    quality: view.quality,
  };
}
