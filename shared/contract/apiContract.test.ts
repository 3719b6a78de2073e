import { describe, expect, it } from 'vitest';
import { apiContract } from './apiContract';
import { API_REQUEST_NAMES } from './apiRequestNames';

describe('API contract', () => {
  it('lists the same request names for the preload as the contract declares', () => {
    expect([...API_REQUEST_NAMES].sort()).toEqual(Object.keys(apiContract).sort());
  });
});
