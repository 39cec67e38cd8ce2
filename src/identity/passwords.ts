// argon2id password hashing (OWASP parameters by default: 19 MiB, 2 passes; the cost is part of each
// stored hash, so verifying needs no parameters).
import { hash, verify } from '@node-rs/argon2';
import { OWASP_PASSWORD_HASHING, type PasswordHashing } from '../config.js';

export function hashPassword(password: string, cost: PasswordHashing = OWASP_PASSWORD_HASHING): Promise<string> {
  return hash(password, { algorithm: 2 /* Argon2id */, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

export function checkPasswordStrength(password: string): string | null {
  if (password.length < 12) return 'password must be at least 12 characters';
  if (password.length > 256) return 'password must be at most 256 characters';
  return null;
}
