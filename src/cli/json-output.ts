// Until src/cli/count.ts (mid-edit by another engineer) imports countJson from its new home.
export { countJson } from '../formats/count-json.ts';
