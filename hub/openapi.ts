/** The hub's OpenAPI document (hub/api-doc/): what app.ts serves at /openapi.json. */
export { buildHubDocument, serviceExample, type HubDocumentOptions } from './api-doc/document';
