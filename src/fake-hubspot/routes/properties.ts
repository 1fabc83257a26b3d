import { Hono } from 'hono';
import { z } from 'zod';
import type { ObjectType } from '../crm/objectTypes.js';
import { OBJECT_TYPES } from '../crm/objectTypes.js';
import type { PropertyDefinition, PropertyGroup } from '../crm/propertyDefinition.js';
import { conflict, resourceNotFound, standardError, validationError } from '../http/hubspotErrors.js';
import { objectTypeParam, readBody } from '../http/requestInput.js';
import type { FakeEnv, RouteDeps } from '../http/deps.js';
import type { ApiPaths } from '../http/apiPaths.js';

const TYPES = ['bool', 'date', 'datetime', 'enumeration', 'number', 'phone_number', 'string'] as const;
const FIELD_TYPES = ['booleancheckbox', 'calculation_equation', 'checkbox', 'date', 'file', 'html', 'number', 'phonenumber', 'radio', 'select', 'text', 'textarea'] as const;
const Option = z.object({ label: z.string().min(1), value: z.string().min(1), hidden: z.boolean().default(false), displayOrder: z.number().int().optional(), description: z.string().optional() });
const NAME = /^[a-z][a-z0-9_]*$/;

const PropertyCreate = z.object({
  name: z.string().regex(NAME, 'property names are lower case letters, digits and underscores, starting with a letter'),
  label: z.string().min(1),
  type: z.enum(TYPES),
  fieldType: z.enum(FIELD_TYPES),
  groupName: z.string(),
  description: z.string().default(''),
  options: z.array(Option).default([]),
  displayOrder: z.number().int().default(-1),
  hasUniqueValue: z.boolean().default(false),
  hidden: z.boolean().default(false),
  formField: z.boolean().default(false),
  externalOptions: z.boolean().default(false),
  referencedObjectType: z.string().optional(),
});
// No defaults here: a PATCH changes only what it names.
const PropertyUpdate = z.object({
  label: z.string().min(1).optional(),
  type: z.enum(TYPES).optional(),
  fieldType: z.enum(FIELD_TYPES).optional(),
  groupName: z.string().optional(),
  description: z.string().optional(),
  options: z.array(Option).optional(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
});
const GroupCreate = z.object({ name: z.string().regex(NAME), label: z.string().min(1), displayOrder: z.number().int().default(-1) });
const GroupUpdate = z.object({ label: z.string().min(1).optional(), displayOrder: z.number().int().optional() });

/** Properties v3: groups and properties, with HubSpot's 404/409 and option checks. */
export function propertyRoutes(deps: RouteDeps, paths: ApiPaths): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();
  const base = `${paths.properties}/:objectType`;
  const { store } = deps;

  const groupOrThrow = (type: ObjectType, name: string): PropertyGroup => {
    const group = store.propertyGroup(type, name);
    if (!group || group.archived) throw resourceNotFound(`Unable to find property group ${name} for object type ${OBJECT_TYPES[type].typeId}`);
    return group;
  };
  const propertyOrThrow = (type: ObjectType, name: string): PropertyDefinition => {
    const def = store.propertyDefinition(type, name);
    if (!def) throw resourceNotFound(`Unable to find property ${name} for object type ${OBJECT_TYPES[type].typeId}`);
    return def;
  };
  const create = (type: ObjectType, input: z.output<typeof PropertyCreate>): PropertyDefinition => {
    if (store.propertyDefinition(type, input.name)) throw conflict(`Property named '${input.name}' already exists.`, 'OBJECT_ALREADY_EXISTS');
    groupOrThrow(type, input.groupName);
    if (!input.externalOptions) checkOptions(input.type, input.options, input.name);
    const now = store.now();
    const def: PropertyDefinition = {
      ...input,
      options: numbered(input.options),
      hubspotDefined: false,
      readOnlyValue: false,
      createdAt: now,
      updatedAt: now,
    };
    store.putPropertyDefinition(type, def);
    return def;
  };

  app.get(`${base}/groups`, (c) => c.json({ results: store.propertyGroups(objectTypeParam(c)).filter((g) => !g.archived) }));

  app.post(`${base}/groups`, async (c) => {
    const type = objectTypeParam(c);
    const input = await readBody(c, GroupCreate);
    if (store.propertyGroup(type, input.name)) throw conflict(`A property group named '${input.name}' already exists.`, 'OBJECT_ALREADY_EXISTS');
    const group = { ...input, archived: false };
    store.putPropertyGroup(type, group);
    return c.json(group, 201);
  });

  app.get(`${base}/groups/:groupName`, (c) => c.json(groupOrThrow(objectTypeParam(c), c.req.param('groupName'))));

  app.patch(`${base}/groups/:groupName`, async (c) => {
    const type = objectTypeParam(c);
    const group = groupOrThrow(type, c.req.param('groupName'));
    const input = await readBody(c, GroupUpdate);
    const updated = { ...group, ...input };
    store.putPropertyGroup(type, updated);
    return c.json(updated);
  });

  app.delete(`${base}/groups/:groupName`, (c) => {
    const type = objectTypeParam(c);
    const group = groupOrThrow(type, c.req.param('groupName'));
    store.putPropertyGroup(type, { ...group, archived: true });
    return c.body(null, 204);
  });

  app.get(base, (c) => c.json({ results: store.propertyDefinitions(objectTypeParam(c)).map(publicProperty) }));

  app.post(base, async (c) => {
    const type = objectTypeParam(c);
    return c.json(publicProperty(create(type, await readBody(c, PropertyCreate))), 201);
  });

  app.post(`${base}/batch/read`, async (c) => {
    const type = objectTypeParam(c);
    const input = await readBody(c, z.object({ inputs: z.array(z.object({ name: z.string() })), archived: z.boolean().default(false) }));
    const startedAt = new Date(store.now()).toISOString();
    const found = input.inputs.map((i) => store.propertyDefinition(type, i.name));
    const missing = input.inputs.filter((_, i) => !found[i]).map((i) => i.name);
    const results = found.filter((d): d is PropertyDefinition => d !== undefined).map(publicProperty);
    const errors = missing.length ? [standardError('OBJECT_NOT_FOUND', `Unable to find properties for object type ${OBJECT_TYPES[type].typeId}`, { properties: missing })] : [];
    return c.json({ status: 'COMPLETE', results, startedAt, completedAt: new Date(store.now()).toISOString(), ...(errors.length ? { numErrors: errors.length, errors } : {}) }, errors.length ? 207 : 200);
  });

  app.post(`${base}/batch/create`, async (c) => {
    const type = objectTypeParam(c);
    const input = await readBody(c, z.object({ inputs: z.array(PropertyCreate) }));
    const startedAt = new Date(store.now()).toISOString();
    for (const one of input.inputs) {
      if (store.propertyDefinition(type, one.name)) throw conflict(`Property named '${one.name}' already exists.`, 'OBJECT_ALREADY_EXISTS');
      groupOrThrow(type, one.groupName);
      if (!one.externalOptions) checkOptions(one.type, one.options, one.name);
    }
    const results = input.inputs.map((one) => publicProperty(create(type, one)));
    return c.json({ status: 'COMPLETE', results, startedAt, completedAt: new Date(store.now()).toISOString() }, 201);
  });

  app.get(`${base}/:propertyName`, (c) => c.json(publicProperty(propertyOrThrow(objectTypeParam(c), c.req.param('propertyName')))));

  app.patch(`${base}/:propertyName`, async (c) => {
    const type = objectTypeParam(c);
    const def = propertyOrThrow(type, c.req.param('propertyName'));
    const input = await readBody(c, PropertyUpdate);
    if (def.hubspotDefined && (input.type || input.fieldType || input.options)) throw validationError(`${def.name} is defined by HubSpot; its type and options cannot be changed.`);
    if (input.groupName) groupOrThrow(type, input.groupName);
    const type2 = input.type ?? def.type;
    if (input.options) checkOptions(type2, input.options, def.name);
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const updated: PropertyDefinition = { ...def, ...given, options: input.options ? numbered(input.options) : def.options, updatedAt: store.now() };
    store.putPropertyDefinition(type, updated);
    return c.json(publicProperty(updated));
  });

  app.delete(`${base}/:propertyName`, (c) => {
    const type = objectTypeParam(c);
    const def = propertyOrThrow(type, c.req.param('propertyName'));
    if (def.hubspotDefined) throw validationError(`${def.name} is defined by HubSpot and cannot be archived.`);
    store.deletePropertyDefinition(type, def.name);
    return c.body(null, 204);
  });

  return app;
}

function checkOptions(type: string, options: { value: string }[], name: string): void {
  if (type === 'enumeration' && options.length === 0) throw validationError(`Property ${name} is an enumeration and needs at least one option.`);
  const values = options.map((o) => o.value);
  const dup = values.find((v, i) => values.indexOf(v) !== i);
  if (dup !== undefined) throw validationError(`Property ${name} has the option value "${dup}" twice.`);
}

function numbered(options: z.output<typeof Option>[]): PropertyDefinition['options'] {
  return options.map((o, i) => ({ label: o.label, value: o.value, hidden: o.hidden, displayOrder: o.displayOrder ?? i, ...(o.description !== undefined ? { description: o.description } : {}) }));
}

/** A definition as the properties API returns it. */
export function publicProperty(def: PropertyDefinition) {
  return {
    name: def.name,
    label: def.label,
    type: def.type,
    fieldType: def.fieldType,
    groupName: def.groupName,
    description: def.description,
    options: def.options,
    displayOrder: def.displayOrder,
    calculated: false,
    externalOptions: def.externalOptions,
    ...(def.referencedObjectType ? { referencedObjectType: def.referencedObjectType } : {}),
    hasUniqueValue: def.hasUniqueValue,
    hidden: def.hidden,
    hubspotDefined: def.hubspotDefined,
    formField: def.formField,
    modificationMetadata: { archivable: !def.hubspotDefined, readOnlyDefinition: def.hubspotDefined, readOnlyValue: def.readOnlyValue },
    createdAt: new Date(def.createdAt).toISOString(),
    updatedAt: new Date(def.updatedAt).toISOString(),
    archived: false,
  };
}
