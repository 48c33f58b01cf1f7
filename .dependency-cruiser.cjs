/**
 * The layers of src/ (CONTRIBUTING.md § Layers): a folder may import its own files and the folders
 * of lower layers, never a higher layer; no import cycles at all, between folders or files.
 * `npm run lint` runs this (`npx depcruise src --config .dependency-cruiser.cjs`).
 */
const LAYERS = [
  ['common'],
  ['config'],
  ['redis', 'database', 'logging'],
  ['cache', 'rate-limit', 'outbound'],
  ['changes'],
  ['users', 'sessions'],
  ['auth'],
  ['categories', 'habits', 'records', 'analytics', 'sync', 'portability', 'events', 'notifications', 'reminders', 'webhooks'],
  ['admin', 'health', 'metrics', 'lifecycle', 'web'],
];
const TOP_FILES = ['main.ts', 'app.module.ts', 'app.setup.ts', 'entities.ts'];
/** Programs other than the server (they boot the whole app, as main.ts does). */
const ENTRY_POINTS = ['^src/admin/admin-cli\\.ts$'];
const folders = (layers) => `^src/(${layers.flat().join('|')})/`;

const layerRules = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `layer-${layer.join('-')}`,
  comment: `${layer.join(', ')} may not import a higher layer (${LAYERS.slice(index + 1).flat().join(', ')}) or the app's top files`,
  severity: 'error',
  from: { path: folders([layer]) },
  to: { path: [folders(LAYERS.slice(index + 1)), `^src/(${TOP_FILES.join('|').replace(/\./g, '\\.')})$`] },
}));
const lastLayer = {
  name: `layer-${LAYERS.at(-1).join('-')}`,
  comment: "the top layer may not import the app's top files (entry points other than main.ts may)",
  severity: 'error',
  from: { path: folders(LAYERS.slice(-1)), pathNot: ENTRY_POINTS },
  to: { path: `^src/(${TOP_FILES.join('|').replace(/\./g, '\\.')})$` },
};

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'an import cycle (between files or folders)', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'folder-in-a-layer',
      comment: 'every folder of src/ has a place in LAYERS (.dependency-cruiser.cjs); add a new one there',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: folders(LAYERS) },
      to: {},
    },
    {
      name: 'imported-folder-in-a-layer',
      comment: 'an import of a folder that has no place in LAYERS (.dependency-cruiser.cjs); add it there',
      severity: 'error',
      from: {},
      to: { path: '^src/[^/]+/', pathNot: folders(LAYERS) },
    },
    ...layerRules,
    lastLayer,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
  },
};
