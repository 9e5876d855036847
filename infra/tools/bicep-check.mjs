// Parses a Bicep file with tree-sitter-bicep (its prebuilt wasm through web-tree-sitter; no Bicep compiler exists
// offline), checks its symbols, and writes what the schema checks need as JSON.
//
// usage: node bicep-check.mjs MAIN.bicep
// prints {"syntaxErrors":[...],"symbolErrors":[...],"parameters":{name:{type,default?}},"resources":[{symbol,
// type,apiVersion,conditional,parent,body}],"outputs":[names]} and exits 0 when there is no syntax or symbol error.
// Resource bodies are JSON: literals as such, every other expression as "[<its Bicep text>]" (ARM's expression
// form), without Bicep's own keys (parent, scope, dependsOn).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Parser, Language } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
await Parser.init();
const bicep = await Language.load(require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm'));
const parser = new Parser();
parser.setLanguage(bicep);
const source = readFileSync(process.argv[2], 'utf8');
const root = parser.parse(source).rootNode;

// Bicep's functions and namespaces (sys, az), so that a misspelt call is found as surely as a misspelt symbol.
const FUNCTIONS = new Set(('any array bool int json string concat contains empty first last length min max range skip take '
  + 'union intersection indexOf lastIndexOf items filter map reduce sort flatten toObject groupBy mapValues objectKeys '
  + 'shallowMerge tryGet base64 base64ToJson base64ToString dataUri dataUriToString endsWith startsWith format guid newGuid '
  + 'padLeft replace split substring toLower toUpper trim uniqueString uri uriComponent uriComponentToString utcNow '
  + 'dateTimeAdd dateTimeFromEpoch dateTimeToEpoch resourceGroup subscription tenant managementGroup deployment environment '
  + 'resourceId subscriptionResourceId tenantResourceId extensionResourceId managementGroupResourceId reference listKeys '
  + 'listAccountSas listServiceSas pickZones providers loadTextContent loadFileAsBase64 loadJsonContent loadYamlContent '
  + 'getSecret fail description minLength maxLength minValue maxValue allowed secure metadata batchSize sealed '
  + 'discriminator export').split(' '));
const NAMESPACES = new Set(['sys', 'az']);

const syntaxErrors = [];
const symbolErrors = [];
const at = (n) => `${n.startPosition.row + 1}:${n.startPosition.column + 1}`;

(function findErrors(n) {
  if (n.type === 'ERROR' || n.isMissing) {
    syntaxErrors.push(`${at(n)}: ${n.isMissing ? 'missing ' + n.type : 'cannot parse "' + n.text.slice(0, 60) + '"'}`);
  }
  for (const c of n.children) findErrors(c);
})(root);

const declared = new Map();
const DECLARATIONS = ['parameter_declaration', 'variable_declaration', 'resource_declaration', 'module_declaration',
  'type_declaration', 'user_defined_function'];
for (const statement of root.namedChildren) {
  if (!DECLARATIONS.includes(statement.type)) continue;
  const name = statement.childForFieldName('name') ?? statement.namedChildren.find((c) => c.type === 'identifier');
  if (!name) continue;
  if (declared.has(name.text)) symbolErrors.push(`${at(name)}: '${name.text}' is declared twice`);
  declared.set(name.text, statement.type);
}

// Every identifier in an expression position must name a declaration, a loop or lambda variable in scope, or a function.
function checkReferences(n, scope) {
  if (n.type === 'for_statement') {
    const inner = new Set(scope);
    const init = n.childForFieldName('initializer');
    if (init) inner.add(init.text);
    for (const p of n.namedChildren.filter((c) => c.type === 'for_loop_parameters')) {
      for (const v of p.descendantsOfType('identifier')) inner.add(v.text);
    }
    for (const c of n.namedChildren) {
      if (c === init || c.type === 'for_loop_parameters') continue;
      // The collection is evaluated outside the loop; the body inside it.
      checkReferences(c, c === n.childForFieldName('body') ? inner : scope);
    }
    return;
  }
  if (n.type === 'lambda_expression') {
    const inner = new Set(scope);
    const params = n.namedChildren.slice(0, -1);
    for (const p of params) for (const v of [p, ...p.descendantsOfType('identifier')]) if (v.type === 'identifier') inner.add(v.text);
    checkReferences(n.namedChildren[n.namedChildren.length - 1], inner);
    return;
  }
  if (n.type === 'object_property') {
    // The key is a name, not a reference; the value is an expression.
    n.namedChildren.slice(1).forEach((c) => checkReferences(c, scope));
    if (n.namedChildren[0]?.type !== 'identifier') checkReferences(n.namedChildren[0], scope);
    return;
  }
  if (n.type === 'call_expression') {
    const fn = n.childForFieldName('function');
    if (fn?.type === 'identifier') {
      if (!FUNCTIONS.has(fn.text) && declared.get(fn.text) !== 'user_defined_function') {
        symbolErrors.push(`${at(fn)}: '${fn.text}' is not a Bicep function`);
      }
    } else if (fn) {
      checkReferences(fn, scope);
    }
    const args = n.childForFieldName('arguments');
    if (args) checkReferences(args, scope);
    return;
  }
  if (n.type === 'member_expression') {
    const object = n.childForFieldName('object');
    if (object?.type === 'identifier' && NAMESPACES.has(object.text)) return;
    if (object) checkReferences(object, scope);
    return;
  }
  if (n.type === 'identifier') {
    if (!declared.has(n.text) && !scope.has(n.text)) symbolErrors.push(`${at(n)}: '${n.text}' is not declared`);
    return;
  }
  for (const c of n.namedChildren) checkReferences(c, scope);
}

for (const statement of root.namedChildren) {
  if (statement.type === 'decorators') {
    checkReferences(statement, new Set());
    continue;
  }
  if (!DECLARATIONS.includes(statement.type) && statement.type !== 'output_declaration') continue;
  const name = statement.childForFieldName('name') ?? statement.namedChildren.find((c) => c.type === 'identifier');
  for (const c of statement.namedChildren) {
    if (c === name || c.type === 'type' || c.type === 'string' && statement.type === 'resource_declaration'
      && c === statement.namedChildren.find((x) => x.type === 'string')) continue;
    checkReferences(c, new Set());
  }
}

function stringValue(n) {
  if (n.namedChildren.some((c) => c.type === 'interpolation')) return `[${n.text}]`;
  let s = '';
  for (const c of n.namedChildren) {
    if (c.type === 'string_content') s += c.text;
    else if (c.type === 'escape_sequence') s += { "\\'": "'", '\\\\': '\\', '\\n': '\n', '\\r': '\r', '\\t': '\t', '\\$': '$' }[c.text] ?? c.text;
  }
  return s;
}

function toJson(n) {
  switch (n.type) {
    case 'string': return stringValue(n);
    case 'number': return Number(n.text);
    case 'boolean': return n.text === 'true';
    case 'null': return null;
    case 'array': return n.namedChildren.filter((c) => c.type !== 'comment').map(toJson);
    case 'object': {
      const o = {};
      for (const p of n.namedChildren.filter((c) => c.type === 'object_property')) {
        const key = p.namedChildren[0];
        o[key.type === 'string' ? stringValue(key) : key.text] = toJson(p.namedChildren[p.namedChildren.length - 1]);
      }
      return o;
    }
    default: return `[${n.text}]`;
  }
}

const parameters = {};
const resources = [];
const outputs = [];
for (const statement of root.namedChildren) {
  if (statement.type === 'parameter_declaration') {
    const [name, type, value] = statement.namedChildren;
    parameters[name.text] = { type: type?.text ?? null, ...(value ? { default: toJson(value) } : {}) };
  } else if (statement.type === 'output_declaration') {
    outputs.push(statement.namedChildren.find((c) => c.type === 'identifier').text);
  } else if (statement.type === 'resource_declaration') {
    const symbol = statement.namedChildren.find((c) => c.type === 'identifier').text;
    const typeRef = stringValue(statement.namedChildren.find((c) => c.type === 'string'));
    let value = statement.namedChildren[statement.namedChildren.length - 1];
    const conditional = value.type === 'if_statement';
    if (conditional) value = value.namedChildren[value.namedChildren.length - 1];
    if (value.type !== 'object') {
      symbolErrors.push(`${at(value)}: resource ${symbol}'s body is not an object these checks read`);
      continue;
    }
    const body = toJson(value);
    const parent = typeof body.parent === 'string' ? body.parent.replace(/^\[|\]$/g, '') : null;
    delete body.parent;
    delete body.scope;
    delete body.dependsOn;
    const [type, apiVersion] = typeRef.split('@');
    resources.push({ symbol, type, apiVersion: apiVersion ?? null, conditional, parent, body });
  }
}

console.log(JSON.stringify({ syntaxErrors, symbolErrors, parameters, resources, outputs }));
process.exit(syntaxErrors.length + symbolErrors.length > 0 ? 1 : 0);
