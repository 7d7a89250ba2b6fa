// Writes test/structures.ts: the engineer's view (extensions, PEM, ASN.1, SHA-1
// fingerprint, decimal serial) of the three sample certificates, as the command
// line shows them for the NPKI tree the fixture tool lays out.
//
//   npm run fixtures:structures
//
// It runs the built binaries, never cargo: `dojang-fixtures npki DIR`, then
// `dojang show FOLDER --json --npki-root DIR` for each folder. They are taken
// from $CARGO_TARGET_DIR/debug when it is set, else from the repository's
// target/debug, else from ~/.cache/dojang-target/debug (build them first with
// `cargo build --workspace`). The fixture PKI makes fresh keys, serials and
// dates on every run, so every value changes each time.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ui = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repository = resolve(ui, '..');
const output = join(ui, 'test', 'structures.ts');

/** The sample certificates by owner, in the order the file lists them. */
const SAMPLES = [
  { name: 'hong', owner: '홍길동' },
  { name: 'kim', owner: '김철수' },
  { name: 'corporate', owner: '(주)도장 테스트' },
];

/** The fields of `CertificateDetails` the fixtures take from here. */
const FIELDS = ['extensions', 'pem', 'asn1', 'fingerprint_sha1', 'serial_decimal'];

/** @returns {string} the directory holding the built `dojang` and `dojang-fixtures` */
function binaryDir() {
  const set = process.env.CARGO_TARGET_DIR;
  const candidates =
    set !== undefined && set !== ''
      ? [join(set, 'debug')]
      : [join(repository, 'target', 'debug'), join(homedir(), '.cache', 'dojang-target', 'debug')];
  const found = candidates.find((dir) => existsSync(join(dir, 'dojang')) && existsSync(join(dir, 'dojang-fixtures')));
  if (found === undefined) {
    throw new Error(
      `no built dojang and dojang-fixtures in ${candidates.join(' or ')}: run cargo build --workspace first`,
    );
  }
  return found;
}

/**
 * @param {string} program
 * @param {string[]} args
 * @returns {string} what it printed
 */
function run(program, args) {
  return execFileSync(program, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

/**
 * A value with its object keys sorted, at every depth.
 * @param {unknown} value
 * @returns {unknown}
 */
function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sorted(/** @type {Record<string, unknown>} */ (value)[key])]),
    );
  }
  return value;
}

/**
 * JSON on one line, with a space after each `,` and `:` (one ASN.1 line).
 * @param {unknown} value
 * @returns {string}
 */
function oneLine(value) {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(/** @type {Record<string, unknown>} */ (value));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${oneLine(item)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/**
 * One `export const <name>Structure = {…}` block.
 * @param {string} name
 * @param {Record<string, unknown>} shown what `dojang show --json` printed
 * @returns {string}
 */
function structure(name, shown) {
  for (const field of FIELDS) {
    if (!(field in shown)) throw new Error(`dojang show --json gave no ${field} for ${name}`);
  }
  const asn1 = /** @type {unknown[]} */ (sorted(shown.asn1));
  return [
    `/** Structure taken from the sample certificate of ${name} made by dojang-fixtures. */`,
    `export const ${name}Structure = {`,
    `  extensions: ${JSON.stringify(sorted(shown.extensions), null, 2)},`,
    `  pem: ${JSON.stringify(shown.pem)},`,
    '  asn1: [',
    ...asn1.map((line) => `    ${oneLine(line)},`),
    '  ],',
    `  fingerprint_sha1: ${JSON.stringify(shown.fingerprint_sha1)},`,
    `  serial_decimal: ${JSON.stringify(shown.serial_decimal)},`,
    `} satisfies Pick<CertificateDetails, ${FIELDS.map((field) => `'${field}'`).join(' | ')}>;`,
  ].join('\n');
}

const HEADER = `/**
 * The engineer's view of three sample certificates (extensions, PEM, ASN.1), as
 * \`dojang show --json\` prints them for the NPKI tree that \`dojang-fixtures npki\`
 * makes. The people and dates in \`fixtures.ts\` are the test's own.
 *
 * Written by \`npm --prefix ui run fixtures:structures\` (ui/scripts/structures.mjs)
 * from the built binaries (\`cargo build --workspace\` first); do not edit by hand.
 * The fixture PKI makes fresh keys each time, so a run changes every value.
 */
import type { CertificateDetails } from '../src/bindings/CertificateDetails';
`;

const bin = binaryDir();
const work = mkdtempSync(join(tmpdir(), 'dojang-structures-'));
try {
  const root = join(work, 'NPKI');
  const folders = run(join(bin, 'dojang-fixtures'), ['npki', root])
    .split('\n')
    .filter((line) => line.trim() !== '');
  /** @type {Map<string, Record<string, unknown>>} */
  const byOwner = new Map();
  for (const folder of folders) {
    // A data dir of its own, so nothing of this user's app data or keychain is read.
    const json = run(join(bin, 'dojang'), ['show', folder, '--json', '--npki-root', root, '--data-dir', join(work, 'data')]);
    /** @type {unknown} */
    const parsed = JSON.parse(json);
    const shown = /** @type {Record<string, unknown>} */ (parsed);
    byOwner.set(String(shown.owner), shown);
  }
  const blocks = SAMPLES.map(({ name, owner }) => {
    const shown = byOwner.get(owner);
    if (shown === undefined) throw new Error(`dojang-fixtures made no certificate of ${owner}`);
    return structure(name, shown);
  });
  writeFileSync(output, `${HEADER}\n${blocks.join('\n\n')}\n`);
  console.log(`wrote ${output} from ${bin}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
