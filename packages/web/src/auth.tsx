import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { apiFetch, getToken, setToken } from './api/client.js';
import type { Me } from './api/types.js';

interface Auth {
  token: string | null;
  me: Me | null;
  /** Checks the token with GET /me; resolves false when the API does not accept it. */
  signIn: (token: string) => Promise<boolean>;
  signOut: () => void;
}

const AuthContext = createContext<Auth>({ token: null, me: null, signIn: async () => false, signOut: () => undefined });

export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setTokenState] = useState<string | null>(getToken);
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    if (!token) return;
    apiFetch<Me>('me', { token }).then(
      (who) => setMe(who.anonymous ? null : who),
      () => {
        setToken(null);
        setTokenState(null);
      },
    );
  }, [token]);
  const signIn = useCallback(async (candidate: string) => {
    try {
      const who = await apiFetch<Me>('me', { token: candidate });
      if (who.anonymous) return false;
      setToken(candidate);
      setMe(who);
      setTokenState(candidate);
      return true;
    } catch {
      return false;
    }
  }, []);
  const signOut = useCallback(() => {
    setToken(null);
    setTokenState(null);
    setMe(null);
  }, []);
  const value = useMemo(() => ({ token, me, signIn, signOut }), [token, me, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  return useContext(AuthContext);
}
