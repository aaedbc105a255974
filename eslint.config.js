// Lint: TypeScript rules, eslint-plugin-security, and the layer direction of docs/architecture
// (pure layers → adapters → composition → Electron glue; renderer sees only the IPC contract).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import security from 'eslint-plugin-security';

const IO_MODULES = ['fs', 'net', 'child_process', 'os', 'path', 'http', 'https', 'dgram', 'tls', 'worker_threads', 'cluster', 'fs/promises', 'readline'];
const ioPaths = IO_MODULES.flatMap((m) => [m, `node:${m}`]).map((name) => ({ name, message: 'Pure layers take bytes and ports; do I/O in an adapter.' }));
const devicePackages = ['better-sqlite3', 'pcsclite', 'node-hid', 'ws'].map((name) => ({ name, message: 'Device and storage packages belong in adapters (store/, pcsc/, scanners/, fido/hid).' }));
const electronOnlyInGlue = { name: 'electron', message: "Only electron/main and electron/preload may import 'electron'; everything else runs in plain Node." };

// Matches '../app/x', '../../store', 'electron/main/…' — a sibling folder of electron/, not a same-named file.
const upward = (folders, why) => folders.map((f) => ({ regex: `^(\\.\\./)+${f}(/|$)|(^|/)electron/${f}(/|$)`, message: why }));
const COMPOSITION = ['app', 'main', 'preload', 'browser', 'cli'];
const ADAPTERS = ['store', 'pcsc', 'scanners', 'simulators', 'operators', 'audit', 'issuance', 'fingerprints'];

const restrict = (paths, patterns) => ['error', { paths, patterns }];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'out/**', 'release/**', 'native/build/**', 'test-results/**', 'playwright-report/**', '.cache/**', 'test/fixtures/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  security.configs.recommended,
  // Security findings fail the build (the plugin ships them as warnings).
  { rules: Object.fromEntries(Object.keys(security.configs.recommended.rules).map((rule) => [rule, 'error'])) },
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // Flags every obj[key] in TypeScript, where keys are typed: noise that would hide real findings.
      'security/detect-object-injection': 'off',
      // A desktop station opens the files its operator names (--db, images, bundles): every adapter would
      // trip this rule. Path traversal is handled where it matters (static-files.ts) and tested there.
      'security/detect-non-literal-fs-filename': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-throw-literal': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': restrict([electronOnlyInGlue], []) },
  },
  {
    // Pure layers: no I/O, no Electron, no device packages, nothing from adapters or composition.
    files: ['electron/piv/**/*.ts', 'electron/ipc/**/*.ts', 'electron/common/**/*.ts', 'electron/biometrics/**/*.ts', 'electron/policy/model/**/*.ts'],
    ignores: ['electron/biometrics/native.ts', 'electron/biometrics/**/*-file.ts', 'electron/biometrics/bench/**'],
    rules: {
      'no-restricted-imports': restrict([electronOnlyInGlue, ...ioPaths, ...devicePackages], upward([...COMPOSITION, ...ADAPTERS], 'A pure layer must not import adapters or composition code.')),
    },
  },
  {
    // Adapters and use cases: may use pure layers and I/O, never the composition root or Electron glue.
    files: ['electron/{store,pcsc,scanners,simulators,operators,audit,issuance,policy,fido,otp,fingerprints}/**/*.ts'],
    ignores: ['electron/policy/model/**'],
    rules: {
      'no-restricted-imports': restrict([electronOnlyInGlue], upward(COMPOSITION, 'Adapters and use cases receive what they need; they never reach up into app/, main/, browser/ or cli/.')),
    },
  },
  {
    files: ['electron/app/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([electronOnlyInGlue], upward(['main', 'preload', 'browser', 'cli'], 'The composition root is wrapped by main/ and browser/, not the other way round.')),
    },
  },
  {
    // The renderer talks to main only through the IPC contract.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        [{ name: 'electron', message: 'The renderer is sandboxed: use the typed API client (renderer/src/api).' }, ...ioPaths, ...devicePackages],
        [{ regex: '(^|/)electron/(?!ipc/)', message: 'The renderer may import only electron/ipc (types and schemas).' }],
      ),
    },
  },
  {
    files: ['scripts/**/*.{js,mjs,ts}', 'bin/**/*.mjs', '*.config.{js,ts}', 'test/**/*.{ts,tsx}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: { 'security/detect-non-literal-fs-filename': 'off', 'security/detect-child-process': 'off' },
  },
);
