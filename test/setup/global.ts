// Global setup for Vitest: nothing shared yet beyond a clean results folder.
import { mkdirSync } from 'node:fs';

export default function setup(): void {
  mkdirSync('test-results', { recursive: true });
}
