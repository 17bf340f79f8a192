// The model artifact: weights, prior, calibration, threshold and the scalar metrics.
import { readModel } from '../../lib/artifacts.ts';
import { jsonLoader } from '../../lib/loader.ts';

await jsonLoader('model.json', ({ model }) => (model.present ? readModel(model.path) : { missing: model.message }));
