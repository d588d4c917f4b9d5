// The merge suggested unasked (R3.3): another contact has this one's phone or
// e-mail, so they are likely one person.
import { openSimilar } from '../actions/contactview';
import { t } from '../i18n';

export function MergeSuggestion({ contactId }: { contactId: number }) {
  return (
    <div class="merge-suggestion" data-testid="merge-suggestion" role="status">
      <p>{t('contact.suggestMerge')}</p>
      <button class="btn btn-small btn-primary" data-testid="merge-suggestion-open" onClick={() => openSimilar(contactId)}>
        {t('contact.suggestMergeOpen')}
      </button>
    </div>
  );
}
