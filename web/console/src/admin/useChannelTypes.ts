// The messenger types the server can connect, with their settings and secrets.
import { useEffect, useState } from 'preact/hooks';
import { channelsApi } from '../api/channels';
import type { ChannelTypeSpec } from '../api/types';
import { showError } from '../actions/toast';

export function useChannelTypes(): ChannelTypeSpec[] | null {
  const [types, setTypes] = useState<ChannelTypeSpec[] | null>(null);
  useEffect(() => {
    channelsApi.types().then(setTypes, (err) => {
      setTypes([]);
      showError(err);
    });
  }, []);
  return types;
}
