import { readSpecDatabase, registrySchema, validateAgainst } from '../../.ci/cfn-registry-schemas';

/** The registry schemas .ci/cfn-lint.sh gives cfn-lint for Connect types newer than its own tables. */
const { resources, types } = readSpecDatabase();
const schemaOf = (type: string) => {
  const resource = resources.get(type);
  if (!resource) throw new Error(`${type} is not in @aws-cdk/aws-service-spec`);
  return registrySchema(resource, types);
};

describe('registry schemas from @aws-cdk/aws-service-spec', () => {
  it('describes AWS::Connect::TestCase with its nested entry point and read-only attributes', () => {
    const schema = schemaOf('AWS::Connect::TestCase');
    expect(schema).toMatchObject({
      typeName: 'AWS::Connect::TestCase',
      additionalProperties: false,
      required: expect.arrayContaining(['InstanceArn', 'Name', 'Content']),
      readOnlyProperties: expect.arrayContaining(['/properties/TestCaseArn']),
      primaryIdentifier: ['/properties/TestCaseArn'],
    });
    expect(JSON.stringify(schema.definitions)).toContain('VoiceCallEntryPointParameters');
  });

  it('accepts a valid resource, intrinsics included, and names what is wrong with a broken one', () => {
    const schema = schemaOf('AWS::Connect::TestCase');
    const good = {
      InstanceArn: { 'Fn::GetAtt': ['Instance', 'Arn'] },
      Name: 'greeting',
      Content: '{}',
      Status: 'PUBLISHED',
      EntryPoint: { Type: 'VOICE_CALL', VoiceCallEntryPointParameters: { FlowId: { Ref: 'Flow' } } },
    };
    expect(validateAgainst(schema, good, 'P')).toEqual([]);
    const bad = { ...good, Status: 'LIVE', Content: undefined, EntryPoint: { Type: 'VOICE_CALL', Bogus: 1 } };
    delete bad.Content;
    expect(validateAgainst(schema, bad, 'P')).toEqual(
      expect.arrayContaining([
        "P: 'Content' is a required property",
        'P/Status: "LIVE" is not one of SAVED, PUBLISHED',
        "P/EntryPoint: 'Bogus' is not a property of this type",
      ]),
    );
  });

  it('describes AWS::Connect::ContactFlowVersion (absent from cfn-lint 1.51 in ap-northeast-1)', () => {
    const schema = schemaOf('AWS::Connect::ContactFlowVersion');
    expect(schema.required).toEqual(['ContactFlowId']);
    expect(schema.createOnlyProperties).toEqual(['/properties/ContactFlowId', '/properties/Description']);
    expect(validateAgainst(schema, { Description: 3 }, 'P')).toEqual(
      expect.arrayContaining(["P: 'ContactFlowId' is a required property"]),
    );
  });
});
