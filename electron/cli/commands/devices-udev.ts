import type { CliCommand } from '../command';
import { UDEV_RULES_FILE, udevRules } from '../../scanners/udev-rules';

/** For installs that are not the deb package (AppImage, a source checkout): print the rules to install by hand. */
export const devicesUdevRulesCommand: CliCommand = {
  path: ['devices', 'udev-rules'],
  summary: 'Print the udev rules that let the desktop user open the fingerprint scanners (Linux)',
  usage: '[--json]',
  help: [
    'The deb package installs these rules itself. For an AppImage or a source checkout:',
    `  station devices udev-rules | sudo tee /etc/udev/rules.d/${UDEV_RULES_FILE}`,
    'then unplug and replug the scanner. JSON: {file, rules}.',
  ].join('\n'),
  run(ctx) {
    const rules = udevRules();
    if (ctx.json) ctx.printJson({ file: UDEV_RULES_FILE, rules });
    else ctx.io.out(rules.trimEnd());
    return 0;
  },
};
