using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server;
using OpenIddict.Validation;

namespace Auth.Api.OAuth;

/// <summary>
/// Rebuilds the local validation's options (which copy the server's signing keys, for this service's own APIs) once
/// the server's options have been rebuilt after a rotation, never before. An options monitor rebuilds at once when its
/// change token fires; had both followed the key ring's token, the validation could rebuild first, copy the old keys,
/// and refuse every token of the new key until the next rotation or restart.
/// </summary>
public sealed class ValidationKeysFollowServerKeys : IOptionsChangeTokenSource<OpenIddictValidationOptions>, IDisposable
{
    private readonly IDisposable? _subscription;
    private CancellationTokenSource _changed = new();

    public ValidationKeysFollowServerKeys(IOptionsMonitor<OpenIddictServerOptions> server) =>
        // Called after the server's options are rebuilt with the new keys.
        _subscription = server.OnChange((_, name) =>
        {
            if (name is null || name == Options.DefaultName)
            {
                using var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
                previous.Cancel();
            }
        });

    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    public void Dispose()
    {
        _subscription?.Dispose();
        _changed.Dispose();
    }
}
