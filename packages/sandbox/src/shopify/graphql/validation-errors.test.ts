import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop } from '../test-support.js';

/** Validation errors as Shopify's Admin API words them (graphql-ruby), not graphql-js. */
let shop: Awaited<ReturnType<typeof startShop>>;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop.close());

const ORDER = 'gid://shopify/Order/1';

async function errorsOf(query: string, variables?: Record<string, unknown>) {
  const answer = await shop.gql(query, variables);
  expect(answer.status).toBe(200);
  expect(answer.body.data).toBeUndefined();
  return answer.body.errors as { message: string; path?: string[]; extensions: any }[];
}

describe('GraphQL validation errors', () => {
  it('names an unknown field the way Shopify does (undefinedField)', async () => {
    const [error] = await errorsOf(`{ order(id: "${ORDER}") { id nope } }`);
    expect(error).toMatchObject({
      message: "Field 'nope' doesn't exist on type 'Order'",
      path: ['query', 'order', 'nope'],
      extensions: { code: 'undefinedField', typeName: 'Order', fieldName: 'nope' },
    });
    expect(error!.message).not.toMatch(/Did you mean|Cannot query/);
  });

  it('refuses an unknown argument (argumentNotAccepted)', async () => {
    const [error] = await errorsOf(`{ order(id: "${ORDER}", foo: 1) { id } }`);
    expect(error).toMatchObject({
      message: "Field 'order' doesn't accept argument 'foo'",
      path: ['query', 'order', 'foo'],
      extensions: {
        code: 'argumentNotAccepted',
        name: 'order',
        typeName: 'Field',
        argumentName: 'foo',
      },
    });
  });

  it('lists missing required arguments (missingRequiredArguments)', async () => {
    const [error] = await errorsOf('query Named { order { id } }');
    expect(error).toMatchObject({
      message: "Field 'order' is missing required arguments: id",
      path: ['query Named', 'order'],
      extensions: {
        code: 'missingRequiredArguments',
        className: 'Field',
        name: 'order',
        arguments: 'id',
      },
    });
  });

  it('refuses an undeclared variable (variableNotDefined)', async () => {
    const [error] = await errorsOf('{ order(id: $id) { id } }');
    expect(error).toMatchObject({
      message: 'Variable $id is used by anonymous query but not declared',
      extensions: { code: 'variableNotDefined', variableName: 'id' },
    });
  });

  it('refuses a variable of the wrong type (variableMismatch)', async () => {
    const [error] = await errorsOf('query Q($id: String!) { order(id: $id) { id } }', {
      id: ORDER,
    });
    expect(error).toMatchObject({
      message: 'Type mismatch on variable $id and argument id (String! / ID!)',
      path: ['query Q', 'order', 'id'],
      extensions: {
        code: 'variableMismatch',
        variableName: 'id',
        typeName: 'String!',
        argumentName: 'id',
        errorMessage: 'Type mismatch',
      },
    });
    const [nullable] = await errorsOf('query Q($id: ID) { order(id: $id) { id } }', { id: ORDER });
    expect(nullable!.message).toBe(
      'Nullability mismatch on variable $id and argument id (ID / ID!)',
    );
  });

  it('refuses a declared but unused variable (variableNotUsed)', async () => {
    const [error] = await errorsOf('query Q($id: ID!) { shop { name } }', { id: ORDER });
    expect(error).toMatchObject({
      message: 'Variable $id is declared by Q but not used',
      extensions: { code: 'variableNotUsed', variableName: 'id' },
    });
  });

  it('refuses variable values that do not fit their types, as graphql-ruby words it', async () => {
    const [missing] = await errorsOf('query Q($id: ID!) { order(id: $id) { id } }', {});
    expect(missing).toMatchObject({
      message: 'Variable $id of type ID! was provided invalid value',
      extensions: {
        value: null,
        problems: [{ path: [], explanation: 'Expected value to not be null' }],
      },
    });
    const [inner] = await errorsOf(
      'mutation M($input: OrderInput!) { orderUpdate(input: $input) { userErrors { message } } }',
      { input: { note: 'x' } },
    );
    expect(inner).toMatchObject({
      message:
        'Variable $input of type OrderInput! was provided invalid value for id (Expected value to not be null)',
      extensions: { value: { note: 'x' }, problems: [{ path: ['id'] }] },
    });
  });
});
