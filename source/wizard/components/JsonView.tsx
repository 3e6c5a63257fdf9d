import {Text} from 'ink';
import {jsonText} from '../../procedure/index.js';
import {theme} from '../theme.js';

export interface JsonViewProps {
  readonly value: unknown;
}

const token = /("(?:\\.|[^"\\])*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)/g;

/** JSON exactly as the platform sent it, pretty-printed with two spaces, keys and values coloured. */
export function JsonView({value}: JsonViewProps) {
  const lines = jsonText(value, 2).split('\n');
  return (
    <>
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity of their own
        <Text key={index}>{colourLine(line)}</Text>
      ))}
    </>
  );
}

function colourLine(line: string) {
  const parts = [];
  let last = 0;
  for (const match of line.matchAll(token)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(line.slice(last, index));
    const [whole, string, colon, number, literal] = match;
    const color = string
      ? colon
        ? theme.jsonKey
        : theme.jsonString
      : number
        ? theme.jsonNumber
        : literal
          ? theme.jsonLiteral
          : undefined;
    parts.push(
      <Text key={index} color={color}>
        {colon ? string : whole}
      </Text>,
    );
    if (colon) parts.push(colon);
    last = index + whole.length;
  }
  if (last < line.length) parts.push(line.slice(last));
  return parts;
}
