import { useState, type Ref } from 'react';
import { Button, Disclosure, DisclosurePanel, Heading, Label, RadioGroup } from 'react-aria-components';

import type { KeyType } from '../../bindings/KeyType';
import { useI18n } from '../../i18n/context';
import { KEY_TYPES } from '../../issue';
import { DestinationField, storeTarget, type Destination } from '../dialogs/DestinationField';
import { Choice, FormAlert } from '../dialogs/fields';
import { newPasswordErrorRooms, newPasswordErrors, NewPasswordFields } from '../dialogs/NewPasswordFields';
import { ChevronIcon } from '../icons';
import { Unbroken } from '../Unbroken';
import { StepFrame } from './StepFrame';
import type { WizardForm } from './wizardForm';

/**
 * Step 3: where to keep the certificate and the password that will lock it,
 * kept to the rules as it is typed. Under "고급 설정": the key type. (The CA
 * is settled before any code is typed, on the first step.)
 */
export function StorageStep({
  form,
  destination,
  onDestination,
  keyType,
  onKeyType,
  onNext,
  onPrevious,
  headingRef,
}: {
  form: WizardForm;
  destination: Destination;
  onDestination: (destination: Destination) => void;
  keyType: KeyType;
  onKeyType: (keyType: KeyType) => void;
  onNext: () => void;
  onPrevious: () => void;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { t } = useI18n();
  const [advancedOpen, setAdvancedOpen] = useState(keyType !== 'rsa2048');

  const submit = () => {
    const { password, confirm } = form.values;
    form.setFailure(null);
    const pair = newPasswordErrors(t, password, confirm);
    const wrong = form.reject({
      destination: storeTarget(destination) === null ? t('destination.noFolder') : undefined,
      password: pair.password,
      confirm: pair.confirm,
    });
    if (!wrong) onNext();
  };

  return (
    <StepFrame step="storage" headingRef={headingRef} busy={false} onSubmit={submit} onPrevious={onPrevious}>
      <DestinationField
        value={destination}
        onChange={(next) => {
          onDestination(next);
          form.clear('destination');
        }}
        error={form.errors.destination ?? null}
        errorRoom={[t('destination.noFolder')]}
        onFailure={form.setFailure}
      />
      <NewPasswordFields
        password={form.field('password')}
        confirm={form.field('confirm')}
        label={t('issue.password')}
        hint={t('issue.passwordHint')}
        confirmLabel={t('issue.confirm')}
        errorRooms={newPasswordErrorRooms(t)}
      />
      <Disclosure
        className="disclosure"
        isExpanded={advancedOpen}
        onExpandedChange={setAdvancedOpen}
        data-testid="issue-advanced"
      >
        <Heading level={4} className="disclosure__heading">
          <Button slot="trigger" className="disclosure__trigger">
            <ChevronIcon className="disclosure__chevron" />
            {t('issue.advanced')}
          </Button>
        </Heading>
        <DisclosurePanel className="disclosure__panel">
          <RadioGroup
            className="field choices"
            value={keyType}
            onChange={(value) => onKeyType(KEY_TYPES.find((type) => type === value) ?? 'rsa2048')}
            data-testid="key-type"
          >
            <Label className="field__label">{t('issue.keyType')}</Label>
            {KEY_TYPES.map((type) => (
              <Choice
                key={type}
                value={type}
                label={<Unbroken text={t(`issue.keyType.${type}`)} />}
                hint={type === 'rsa2048' ? t('issue.keyTypeUsual') : t('issue.keyTypeOther')}
                testId={`key-type-${type}`}
              />
            ))}
          </RadioGroup>
        </DisclosurePanel>
      </Disclosure>
      <FormAlert error={form.failure} />
    </StepFrame>
  );
}
