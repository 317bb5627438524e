namespace Auth.Domain.Keys;

/// <summary>
/// Which key signs when: of the keys published at a moment whose <see cref="SigningKey.SignsFrom"/> has come, the one
/// that started last (ties: the newest, then the lowest key id). Every node reads the same rows and the same rule, so
/// they all switch to a new key at the same moment, and two rotations made at once still leave one key in charge.
/// </summary>
public static class SigningKeySchedule
{
    public static SigningKey? SignerAt(IEnumerable<SigningKey> keys, DateTimeOffset now) =>
        keys.Where(k => k.IsPublishedAt(now) && k.SignsFrom <= now)
            .OrderByDescending(k => k.SignsFrom)
            .ThenByDescending(k => k.CreatedAt)
            .ThenBy(k => k.KeyId, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>The next moment after <paramref name="now"/> when a key starts signing or stops being published.</summary>
    public static DateTimeOffset? NextChangeAfter(IEnumerable<SigningKey> keys, DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var key in keys)
        {
            if (key.SignsFrom > now && (next is null || key.SignsFrom < next))
            {
                next = key.SignsFrom;
            }

            if (key.RetiresAt > now && (next is null || key.RetiresAt < next))
            {
                next = key.RetiresAt;
            }
        }

        return next;
    }
}
