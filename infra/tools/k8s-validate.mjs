// Validates Kubernetes objects offline against the API's own OpenAPI schemas, as generated into the npm package
// kubernetes-models: types, required fields, enums and formats of every field it knows.
//
// usage: node k8s-validate.mjs OBJECTS.json   (a JSON array of objects, e.g. a manifest's YAML documents)
// prints [{"kind","name","errors":[...]}] and exits 0 when every object is valid, 1 otherwise.
import { readFileSync } from 'node:fs';

const objects = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = [];
for (const object of objects) {
  const result = { kind: object.kind, name: object.metadata?.name ?? null, errors: [] };
  results.push(result);
  let model;
  try {
    model = (await import(`kubernetes-models/${object.apiVersion}`))[object.kind];
  } catch (e) {
    model = undefined;
  }
  if (typeof model !== 'function') {
    result.errors.push(`no schema for ${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new model(object).validate();
  } catch (e) {
    result.errors.push(...String(e.message).split(/,\s*(?=data[/ ])/));
  }
}
console.log(JSON.stringify(results));
process.exit(results.some((r) => r.errors.length > 0) ? 1 : 0);
