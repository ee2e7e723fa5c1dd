// Which parts of the repository exist, for the scenarios that need a part still being written elsewhere: such a
// scenario is skipped, naming the missing part, until the part is in the tree, and runs (and must pass) from then on.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./processes.js";

/** `false` when `path` exists in the repository, else a skip reason naming `part`. */
export function missing(path, part) {
  return existsSync(join(REPO_ROOT, path)) ? false : `needs ${part} (${path} is not in the tree yet)`;
}
