import { useCallback, useEffect, useState } from 'react';
import type { ChannelName, RequestOf, ResponseOf } from '../../../electron/ipc/contract';
import { ApiError, call } from './client';

export interface CallState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/** Load data from main when the component mounts (and on reload()). */
export function useCall<C extends ChannelName>(channel: C, request: RequestOf<C>): CallState<ResponseOf<C>> {
  const [data, setData] = useState<ResponseOf<C>>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(request);
  useEffect(() => {
    let live = true;
    setLoading(true);
    call(channel, JSON.parse(key) as RequestOf<C>)
      .then((v) => live && (setData(v), setError(undefined)))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: String(e) })))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [channel, key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
