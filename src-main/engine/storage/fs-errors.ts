import { DownloadError } from '../errors';

/** File-system failures name the path and keep the data: the user can fix the cause and resume. */
export function fileSystemError(err: unknown, path: string, action: string): DownloadError {
  const code = (err as { code?: string }).code ?? 'EIO';
  if (code === 'ENAMETOOLONG') {
    return new DownloadError(
      'NAME_TOO_LONG',
      `the file name is too long for this file system: ${path}; give the download a shorter name`,
      { cause: err },
    );
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new DownloadError('DISK_FULL', `the disk is full while ${action} ${path}`, { cause: err });
  }
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the file system is read-only',
    ENOENT: 'the folder does not exist',
    ENOTDIR: 'a path component is not a folder',
    ELOOP: 'a symbolic link is in the way',
    EEXIST: 'the file already exists',
    ETIMEDOUT: 'the folder did not answer in time (a hung network drive?); check it and resume',
  };
  const reason = reasons[code] ?? code;
  return new DownloadError('FILE_SYSTEM', `cannot ${action} ${path}: ${reason}`, { cause: err });
}
