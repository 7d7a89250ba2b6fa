import type { Asn1Line } from './bindings/Asn1Line';

/**
 * The ASN.1 view as text, one element per line: offset and length in fixed
 * columns, then the tag indented by depth, then the value of primitive types.
 *
 * ```
 *     0  1015  SEQUENCE
 *     4   735    SEQUENCE
 *    10     1        INTEGER 02
 * ```
 */
export function formatAsn1(lines: Asn1Line[]): string {
  const offsetWidth = Math.max(1, ...lines.map((line) => String(line.offset).length));
  const lengthWidth = Math.max(1, ...lines.map((line) => String(line.length).length));
  return lines
    .map((line) => {
      const offset = String(line.offset).padStart(offsetWidth);
      const length = String(line.length).padStart(lengthWidth);
      const indent = '  '.repeat(line.depth);
      const value = line.value === null ? '' : ` ${line.value}`;
      return `${offset} ${length}  ${indent}${line.tag}${value}`;
    })
    .join('\n');
}
