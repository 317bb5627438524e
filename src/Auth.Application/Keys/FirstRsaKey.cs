using System.Security.Cryptography;

namespace Auth.Application.Keys;

/// <summary>
/// The RSA key of a store's first signing key, generated ahead when <see cref="Start"/> is called: an ephemeral start
/// calls it as the host is built, when the second core is idle, so the 2048-bit key generation (0.15–0.45 s) is off the
/// path to the first healthy answer (docs/performance.md, ephemeral start-up). Without it the key is generated on demand.
/// </summary>
public sealed class FirstRsaKey
{
    private Task<RSA>? _generating;

    public void Start()
    {
        var generating = new Task<RSA>(Generate);
        if (Interlocked.CompareExchange(ref _generating, generating, null) is null)
        {
            generating.Start(TaskScheduler.Default);
        }
    }

    /// <summary>A new key, generated now: <see cref="RSA.Create(int)"/> alone defers the generation to the key's first use.</summary>
    private static RSA Generate()
    {
        var rsa = RSA.Create(SigningKeyFactory.KeySizeInBits);
        _ = rsa.ExportParameters(includePrivateParameters: false);
        return rsa;
    }

    /// <summary>The key generated ahead (once; the caller owns it), else a new one.</summary>
    public async Task<RSA> TakeAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _generating, null) is { } generating
            ? await generating.WaitAsync(cancellationToken)
            : RSA.Create(SigningKeyFactory.KeySizeInBits);
}
