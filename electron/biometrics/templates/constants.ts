/**
 * Named bytes of the two finger minutiae record formats: ANSI INCITS 378-2004 ("Finger Minutiae Format
 * for Data Interchange", the PIV card and enrollment-record format) and ISO/IEC 19794-2:2005 (its
 * international sibling). Both share the finger-view, minutia and extended-data layout; they differ in
 * the record header and in the unit of the minutia angle.
 */

/** Format Identifier: the ASCII characters "FMR" followed by a null byte. */
export const FORMAT_IDENTIFIER = Uint8Array.of(0x46, 0x4d, 0x52, 0x00);
/** Version Number of both 2004/2005 editions: ASCII " 20" followed by a null byte. */
export const VERSION_20 = Uint8Array.of(0x20, 0x32, 0x30, 0x00);

/** INCITS 378 header with the 2-byte Length of Record: 26 bytes. */
export const INCITS_HEADER_SHORT = 26;
/** INCITS 378 header with the 6-byte Length of Record (0x0000 escape + 4-byte length): 30 bytes. */
export const INCITS_HEADER_LONG = 30;
/** Largest record the 2-byte INCITS Length of Record can express. */
export const INCITS_SHORT_LENGTH_MAX = 0xffff;
/** ISO 19794-2:2005 header (4-byte Length of Record): 24 bytes. */
export const ISO_HEADER = 24;

/** Finger view header: position, view number/impression type, finger quality, number of minutiae. */
export const FINGER_VIEW_HEADER = 4;
/** One minutia: type+X (2), reserved+Y (2), angle (1), quality (1). */
export const MINUTIA_BYTES = 6;
/** The Extended Data Block Length field that follows the minutiae of each view. */
export const EXTENDED_BLOCK_LENGTH_BYTES = 2;
/** Extended data area header: Type ID Code (2) + Length of data area including this header (2). */
export const EXTENDED_AREA_HEADER = 4;

/** Minutia Type, the top two bits of the X field. */
export const MINUTIA_TYPE_OTHER = 0b00;
export const MINUTIA_TYPE_RIDGE_ENDING = 0b01;
export const MINUTIA_TYPE_BIFURCATION = 0b10;
/** 0b11 is reserved by both standards. */
export const MINUTIA_TYPE_RESERVED = 0b11;
/** Minutia X and Y are 14-bit fields. */
export const COORDINATE_MAX = 0x3fff;

/** INCITS 378 angle unit: 2 degrees, values 0..179. */
export const INCITS_ANGLE_UNITS = 180;
/** ISO 19794-2:2005 angle unit: 360/256 degrees, values 0..255. */
export const ISO_ANGLE_UNITS = 256;
/** Minutia and finger quality: 0..100 (0 = not reported in ISO, lowest in INCITS). */
export const QUALITY_MAX = 100;

/** Finger Position codes (shared with INCITS 381 / ISO 19794-4): 0 unknown, 1..10 right thumb..left little. */
export const FINGER_POSITION_MAX = 10;
/** Impression Type: live-scan plain, live-scan rolled, non-live plain, non-live rolled; 8 = swipe. */
export const IMPRESSION_TYPES = [0, 1, 2, 3, 8] as const;
/** View Number is a 4-bit field. */
export const VIEW_NUMBER_MAX = 15;

/** Extended data area Type ID Codes. */
export const EXTENDED_TYPE_RIDGE_COUNT = 0x0001;
export const EXTENDED_TYPE_CORE_DELTA = 0x0002;

/** Resolution fields are pixels per centimetre; 1 inch = 2.54 cm. */
export const CM_PER_INCH = 2.54;
