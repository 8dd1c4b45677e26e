// URLs given on the command line (`parallel-downloader https://…`), on first launch or passed on by a
// second launch to the running app. Everything that is not an http(s) URL (flags, paths) is ignored.
import { isHttpUrl } from '../../src-shared/ipc-guards';

export function urlsFromArgv(argv: readonly string[]): string[] {
  return [...new Set(argv.slice(1).filter((arg) => isHttpUrl(arg)))];
}
