import type { DriverContext, ScannerDriver } from '../driver';
import { USAGE_PAGE_VENDOR_REFERENCE } from '../protocol/constants';
import { ReferenceDriver } from './reference-driver';

/** One supported scanner model: how to recognise it and which driver speaks to it. */
export interface DriverEntry {
  /** Model name shown when the device gives no product string. */
  name: string;
  driverName: string;
  vendorId: number;
  productId: number;
  /** HID usage page of the interface the driver talks to (others of the same device are skipped). */
  usagePage: number;
  create(ctx: DriverContext): ScannerDriver;
}

/**
 * pid.codes (vendor 0x1209) test product id: for development and the simulator only. A maker that
 * implements docs/scanner-protocol.md adds its own vendor/product pair here with `ReferenceDriver`.
 */
export const REFERENCE_VENDOR_ID = 0x1209;
export const REFERENCE_PRODUCT_ID = 0x0001;

export const DRIVER_TABLE: readonly DriverEntry[] = [
  {
    name: 'Station reference scanner',
    driverName: 'reference',
    vendorId: REFERENCE_VENDOR_ID,
    productId: REFERENCE_PRODUCT_ID,
    usagePage: USAGE_PAGE_VENDOR_REFERENCE,
    create: (ctx) => new ReferenceDriver(ctx),
  },
];

/** The entry that claims this HID interface, if any. A device that does not report its usage page matches on ids alone. */
export function findDriver(
  table: readonly DriverEntry[],
  d: { vendorId: number; productId: number; usagePage?: number },
): DriverEntry | undefined {
  return table.find((e) => e.vendorId === d.vendorId && e.productId === d.productId && (d.usagePage === undefined || d.usagePage === e.usagePage));
}
