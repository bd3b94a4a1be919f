import { fieldWords, fixFieldsTitle } from '../../src/domain/form-words';
import { fieldLabel } from '../../src/frontend/kinds';

describe('the words around field errors', () => {
  it('counts the fields to fix in the title, in sentence case', () => {
    expect(fixFieldsTitle(1)).toBe('One field needs fixing');
    expect(fixFieldsTitle(4)).toBe('4 fields need fixing');
  });

  it('names a field by its form label, never by its code word', () => {
    expect(fieldLabel('config.cloudId')).toBe('Cloud ID');
    expect(fieldLabel('config.expectedAccountId')).toBe('Expected account ID');
    expect(fieldLabel('ownerAccountId')).toBe('Owner');
    expect(fieldLabel('payload')).toBe('The request');
  });

  it('puts a key no form labels into plain words', () => {
    expect(fieldWords('config.webhookUrl')).toBe('Webhook URL');
    expect(fieldWords('maxLifetimeDays')).toBe('Max lifetime days');
  });
});
