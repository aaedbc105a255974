/**
 * Finger views, minutiae and extended data: the part of the record both standards lay out identically
 * (INCITS 378-2004 §6.5–6.6, ISO/IEC 19794-2:2005 §7.4–7.5). Only the angle range differs.
 */
import {
  COORDINATE_MAX,
  EXTENDED_AREA_HEADER,
  EXTENDED_BLOCK_LENGTH_BYTES,
  FINGER_POSITION_MAX,
  FINGER_VIEW_HEADER,
  IMPRESSION_TYPES,
  INCITS_ANGLE_UNITS,
  ISO_ANGLE_UNITS,
  MINUTIA_BYTES,
  MINUTIA_TYPE_RESERVED,
  QUALITY_MAX,
  VIEW_NUMBER_MAX,
} from './constants';
import { ByteReader, ByteWriter, malformed } from './bytes';
import type { ExtendedDataArea, FingerView, RecordMinutia, TemplateFormat } from './model';

export function angleUnits(format: TemplateFormat): number {
  return format === 'incits378' ? INCITS_ANGLE_UNITS : ISO_ANGLE_UNITS;
}

/** Byte length of the views part of a record. */
export function viewsLength(views: readonly FingerView[]): number {
  let n = 0;
  for (const v of views) {
    n += FINGER_VIEW_HEADER + MINUTIA_BYTES * v.minutiae.length + EXTENDED_BLOCK_LENGTH_BYTES;
    for (const a of v.extendedData) n += EXTENDED_AREA_HEADER + a.data.length;
  }
  return n;
}

function checkView(format: TemplateFormat, v: FingerView, at: number, width: number, height: number): void {
  const bad = (reason: string) => malformed(format, at, reason);
  if (v.fingerPosition > FINGER_POSITION_MAX) throw bad(`finger position ${v.fingerPosition} is not a finger code (0..${FINGER_POSITION_MAX})`);
  if (v.viewNumber > VIEW_NUMBER_MAX) throw bad(`view number ${v.viewNumber} does not fit in 4 bits`);
  if (!(IMPRESSION_TYPES as readonly number[]).includes(v.impressionType)) throw bad(`impression type ${v.impressionType} is not defined`);
  if (v.quality > QUALITY_MAX) throw bad(`finger quality ${v.quality} is above ${QUALITY_MAX}`);
  if (v.minutiae.length > 0xff) throw bad(`${v.minutiae.length} minutiae do not fit the 1-byte count`);
  const units = angleUnits(format);
  v.minutiae.forEach((m, i) => {
    const mAt = at + FINGER_VIEW_HEADER + i * MINUTIA_BYTES;
    if (m.type >= MINUTIA_TYPE_RESERVED || m.type < 0) throw malformed(format, mAt, `minutia ${i} has the reserved type code ${m.type}`);
    if (m.x > COORDINATE_MAX || m.y > COORDINATE_MAX) throw malformed(format, mAt, `minutia ${i} coordinates do not fit 14 bits`);
    if ((width > 0 && m.x >= width) || (height > 0 && m.y >= height)) {
      throw malformed(format, mAt, `minutia ${i} at (${m.x}, ${m.y}) lies outside the ${width}x${height} image`);
    }
    if (m.angle >= units) throw malformed(format, mAt + 4, `minutia ${i} angle ${m.angle} is out of range 0..${units - 1}`);
    if (m.quality > QUALITY_MAX) throw malformed(format, mAt + 5, `minutia ${i} quality ${m.quality} is above ${QUALITY_MAX}`);
  });
  for (const a of v.extendedData) {
    if (a.typeId > 0xffff || a.data.length + EXTENDED_AREA_HEADER > 0xffff) throw bad('an extended data area is too long');
  }
}

function readExtended(r: ByteReader): ExtendedDataArea[] {
  const blockStart = r.offset;
  const blockLength = r.u16('extended data block length');
  const end = r.offset + blockLength;
  if (end > r.bytes.length) throw malformed(r.format, blockStart, `the extended data block claims ${blockLength} bytes past the end of the record`);
  const areas: ExtendedDataArea[] = [];
  while (r.offset < end) {
    const areaStart = r.offset;
    if (end - areaStart < EXTENDED_AREA_HEADER) throw malformed(r.format, areaStart, 'the extended data block ends inside an area header');
    const typeId = r.u16('extended data type ID');
    const length = r.u16('extended data area length');
    if (length < EXTENDED_AREA_HEADER) throw malformed(r.format, areaStart, `extended data area length ${length} is shorter than its own header`);
    if (areaStart + length > end) throw malformed(r.format, areaStart, 'an extended data area runs past the end of its block');
    areas.push({ typeId, data: r.take(length - EXTENDED_AREA_HEADER, 'extended data area') });
  }
  return areas;
}

export function readViews(r: ByteReader, count: number, width: number, height: number): FingerView[] {
  const views: FingerView[] = [];
  for (let k = 0; k < count; k++) {
    const at = r.offset;
    const fingerPosition = r.u8('finger position');
    const viewImpression = r.u8('view number / impression type');
    const quality = r.u8('finger quality');
    const n = r.u8('number of minutiae');
    const minutiae: RecordMinutia[] = [];
    for (let i = 0; i < n; i++) {
      const mAt = r.offset;
      const tx = r.u16('minutia X');
      const ry = r.u16('minutia Y');
      if (ry >>> 14 !== 0) throw malformed(r.format, mAt + 2, `minutia ${i} has non-zero reserved bits above Y`);
      minutiae.push({ type: tx >>> 14, x: tx & COORDINATE_MAX, y: ry & COORDINATE_MAX, angle: r.u8('minutia angle'), quality: r.u8('minutia quality') });
    }
    const view: FingerView = {
      fingerPosition,
      viewNumber: viewImpression >>> 4,
      impressionType: viewImpression & 0x0f,
      quality,
      minutiae,
      extendedData: readExtended(r),
    };
    checkView(r.format, view, at, width, height);
    views.push(view);
  }
  return views;
}

export function writeViews(w: ByteWriter, format: TemplateFormat, views: readonly FingerView[], width: number, height: number): void {
  for (const v of views) {
    checkView(format, v, w.offset, width, height);
    w.u8(v.fingerPosition);
    w.u8((v.viewNumber << 4) | v.impressionType);
    w.u8(v.quality);
    w.u8(v.minutiae.length);
    for (const m of v.minutiae) {
      w.u16((m.type << 14) | m.x);
      w.u16(m.y);
      w.u8(m.angle);
      w.u8(m.quality);
    }
    let block = 0;
    for (const a of v.extendedData) block += EXTENDED_AREA_HEADER + a.data.length;
    if (block > 0xffff) throw malformed(format, w.offset, `the extended data block (${block} bytes) does not fit its 2-byte length`);
    w.u16(block);
    for (const a of v.extendedData) {
      w.u16(a.typeId);
      w.u16(EXTENDED_AREA_HEADER + a.data.length);
      w.put(a.data);
    }
  }
}
