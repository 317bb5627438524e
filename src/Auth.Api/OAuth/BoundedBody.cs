namespace Auth.Api.OAuth;

/// <summary>
/// The body of an answer from an address a client registered (its jwks_uri, its request_uris), read only up to a
/// bound: neither a stated Content-Length nor the bytes sent may pass it, so a client's server cannot make this one
/// buffer more.
/// </summary>
public static class BoundedBody
{
    /// <returns>The body, or null when it is longer than <paramref name="maximumBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(HttpResponseMessage response, int maximumBytes, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maximumBytes)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[8 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maximumBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
