// Validates an OpenAPI document file with @apidevtools/swagger-parser: the OpenAPI 3.1 JSON Schema, every $ref
// resolved, operationIds unique. Prints "valid: <title> <version>" and exits 0, or prints the errors and exits 1.
// Usage: node validate.js <document.json>
import SwaggerParser from '@apidevtools/swagger-parser';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node validate.js <document.json>');
  process.exit(2);
}

try {
  const api = await SwaggerParser.validate(file);
  console.log(`valid: ${api.info.title} ${api.info.version}`);
} catch (error) {
  console.error(error.message);
  for (const detail of error.details ?? []) {
    console.error(JSON.stringify(detail));
  }
  process.exit(1);
}
