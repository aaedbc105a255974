import type { Migration } from '../migration';
import { m001Core } from './001-core';
import { m010Operators } from './010-operators';
import { m011Audit } from './011-audit';
import { m012Policy } from './012-policy';
import { m013PolicyKeyAtRest } from './013-policy-key-at-rest';
import { m030Issuance } from './030-issuance';
import { m050DeviceIssuance } from './050-device-issuance';

/**
 * Every migration in order. Numbers are contiguous from 1; a unit test checks that.
 * Ranges reserved this session so parallel work never collides:
 *   1–9 core/lead · 10–29 operators, audit, policy · 30–49 issuance, applicants, keys · 50–69 devices
 * (gaps are allowed across ranges; within the list order must be strictly increasing).
 */
export const migrations: readonly Migration[] = [m001Core, m010Operators, m011Audit, m012Policy, m013PolicyKeyAtRest, m030Issuance, m050DeviceIssuance];
