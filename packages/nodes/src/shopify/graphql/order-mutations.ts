/**
 * Mutations that annotate an order without clobbering it: `tagsAdd` (adds, never replaces) and
 * `orderUpdate` with only `note` (which overwrites the note, so callers read and merge first).
 *
 * @module
 */
import { z } from 'zod';
import { defineMutation } from '../client/operation';
import { Gid, WireUserError } from './wire';

/** Adds tags to an order (or any taggable resource); existing tags stay. */
export const tagsAdd = defineMutation({
  name: 'TagsAdd',
  document: `mutation TagsAdd($id: ID!, $tags: [String!]!) {
  tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } }
}`,
  variables: z.object({ id: Gid, tags: z.array(z.string().min(1).max(255)).min(1).max(250) }),
  data: z.object({
    tagsAdd: z.object({
      node: z.object({ id: Gid }).nullable(),
      userErrors: z.array(WireUserError),
    }),
  }),
  userErrors: (data) => data.tagsAdd.userErrors,
});

/** Removes tags from an order (or any taggable resource). */
export const tagsRemove = defineMutation({
  name: 'TagsRemove',
  document: `mutation TagsRemove($id: ID!, $tags: [String!]!) {
  tagsRemove(id: $id, tags: $tags) { node { id } userErrors { field message } }
}`,
  variables: z.object({ id: Gid, tags: z.array(z.string().min(1).max(255)).min(1).max(250) }),
  data: z.object({
    tagsRemove: z.object({
      node: z.object({ id: Gid }).nullable(),
      userErrors: z.array(WireUserError),
    }),
  }),
  userErrors: (data) => data.tagsRemove.userErrors,
});

/** Replaces an order's note (and nothing else: no other input field is sent). */
export const orderUpdateNote = defineMutation({
  name: 'OrderUpdateNote',
  document: `mutation OrderUpdateNote($input: OrderInput!) {
  orderUpdate(input: $input) { order { id note } userErrors { field message } }
}`,
  variables: z.object({ input: z.object({ id: Gid, note: z.string() }).strict() }),
  data: z.object({
    orderUpdate: z.object({
      order: z.object({ id: Gid, note: z.string().nullable() }).nullable(),
      userErrors: z.array(WireUserError),
    }),
  }),
  userErrors: (data) => data.orderUpdate.userErrors,
});
