// Validates Adaptive Cards with Microsoft's official renderer package (adaptivecards).
// Input (stdin): JSON array of {name, card}. Output (stdout): JSON array of {name, errors[]}.
// Every parse/validation event counts as an error, as do a version above 1.5 and a size over 80 KB.
'use strict';
const path = require('node:path');
const AC = require(path.join(__dirname, '..', '..', '..', 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.js'));

const MAX_VERSION = 1.5;
const MAX_UTF16_BYTES = 80 * 1024;

function validate(card) {
  const errors = [];
  const version = Number.parseFloat(card.version);
  if (!(version <= MAX_VERSION)) errors.push(`version ${card.version} is above ${MAX_VERSION}`);
  const size = JSON.stringify(card).length * 2;
  if (size > MAX_UTF16_BYTES) errors.push(`card is ${size} bytes (UTF-16), over ${MAX_UTF16_BYTES}`);
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) errors.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) errors.push(`validate: ${event.message}`);
  return errors;
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const cards = JSON.parse(input);
  process.stdout.write(JSON.stringify(cards.map(({ name, card }) => ({ name, errors: validate(card) }))));
});
