// Validates an OpenAPI document with @readme/openapi-parser (independent of swagger-core, which wrote it).
// Usage: node validate.mjs <openapi.json>; prints {"valid": bool, "errors": "...", "warnings": "..."} as JSON.
import { readFileSync } from 'node:fs';
import { validate, compileErrors } from '@readme/openapi-parser';

const document = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const result = await validate(document);
console.log(JSON.stringify({
  valid: result.valid,
  errors: result.valid ? '' : compileErrors(result),
  warnings: result.warnings && result.warnings.length ? compileErrors({ ...result, errors: result.warnings }) : '',
}));
