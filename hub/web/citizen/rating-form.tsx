/**
 * The rating form of /tra-cuu, shown once a dossier's result is returned and it is not rated yet: the
 * national portal's criteria, each with its levels, and a comment. It posts to /tra-cuu/danh-gia with the
 * dossier code and the phone digits again (the page keeps no state, and holds no rating token): the
 * dossier is found exactly as the lookup finds it, and the answers go through the rating link's own
 * checks and code (hub/procedures/rating-routes.ts ratingBody, hub/procedures/rating.ts rate()).
 */
import { CRITERIA, LEVELS, type RatingAnswers } from '../../procedures/rating';
import { ratingBody } from '../../procedures/rating-routes';
import { t, type Lang } from '../kit/i18n';

export function RatingForm(props: { lang: Lang; csrf: string; code: string; phone4: string }) {
  const { lang } = props;
  return (
    <form method="post" action="/tra-cuu/danh-gia">
      <h2>{t(lang, { vi: 'Đánh giá mức độ hài lòng', en: 'Rate the service' })}</h2>
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="code" value={props.code} />
      <input type="hidden" name="phone4" value={props.phone4} />
      {Object.entries(CRITERIA).map(([id, text]) => (
        <fieldset key={id}>
          <legend>{t(lang, text)}</legend>
          {Object.entries(LEVELS).map(([level, name]) => (
            <label key={level} class="choice">
              <input type="radio" name={`c.${id}`} value={level} required />
              {` ${t(lang, name)}`}
            </label>
          ))}
        </fieldset>
      ))}
      <label for="comment">{t(lang, { vi: 'Góp ý (không bắt buộc)', en: 'Comment (optional)' })}</label>
      <textarea id="comment" name="comment" rows={3} cols={60} maxLength={2000} />
      <button type="submit">{t(lang, { vi: 'Gửi đánh giá', en: 'Send the rating' })}</button>
    </form>
  );
}

/** The answers of a posted form, checked as the rating link checks them; undefined when incomplete. */
export function ratingAnswers(form: Record<string, string>): RatingAnswers | undefined {
  const answers = Object.keys(CRITERIA).map((criterion) => ({ criterion, level: form[`c.${criterion}`] }));
  const comment = (form.comment ?? '').trim();
  const v = ratingBody.validate({ answers, ...(comment ? { comment } : {}) });
  return v.error ? undefined : (v.value as RatingAnswers);
}
