import { describe, expect, it } from 'vitest';
import { completionNotice, permissionHint } from '../../src-renderer/lib/completion-notice';
import type { NoticeState } from '../../src-renderer/lib/completion-notice';
import { download } from './renderer-fixtures';

const ON: NoticeState = { enabled: true, permission: 'granted' };

describe('completion notifications', () => {
  it('announces a download that has just completed', () => {
    const done = download('a', { status: 'completed', fileName: 'movie.mp4' });
    expect(completionNotice(ON, 'verifying', done)).toEqual({
      title: 'Download complete',
      body: 'movie.mp4 is downloaded and verified.',
      tag: 'a',
    });
  });

  it('announces a failure in human words', () => {
    const failed = download('b', {
      status: 'failed',
      fileName: 'gone.iso',
      error: { code: 'HTTP_STATUS', message: 'the server answered HTTP 404', retryable: false, status: 404 },
    });
    expect(completionNotice(ON, 'probing', failed)?.body).toBe(
      'gone.iso: The server says this file does not exist (404). Check the link.',
    );
  });

  it('stays quiet unless the user turned notices on and the browser allows them', () => {
    const done = download('a', { status: 'completed' });
    expect(completionNotice({ enabled: false, permission: 'granted' }, 'downloading', done)).toBeNull();
    expect(completionNotice({ enabled: true, permission: 'default' }, 'downloading', done)).toBeNull();
    expect(completionNotice({ enabled: true, permission: 'denied' }, 'downloading', done)).toBeNull();
  });

  it('does not announce downloads that were already finished or first seen finished (a reload)', () => {
    const done = download('a', { status: 'completed' });
    expect(completionNotice(ON, undefined, done)).toBeNull();
    expect(completionNotice(ON, 'completed', done)).toBeNull();
    expect(completionNotice(ON, 'failed', done)).toBeNull();
    expect(completionNotice(ON, 'queued', download('c', { status: 'downloading' }))).toBeNull();
    expect(completionNotice(ON, 'downloading', download('d', { status: 'paused' }))).toBeNull();
  });

  it('tells the user how to allow notices the browser blocks', () => {
    expect(permissionHint('denied')).toContain('site settings');
    expect(permissionHint('granted')).toBeNull();
  });
});
