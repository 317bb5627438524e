using Auth.Infrastructure.Keys;
using Auth.Infrastructure.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Auth.Api.OAuth;

/// <summary>
/// Gives OpenIddict the keys of the <see cref="SigningKeyRing"/> (signing key first, then the retired keys that
/// are still published) and the token encryption key derived from the master key. The ring's change token makes
/// the options monitor rebuild the server options when a rotation is noticed, so nothing is loaded per request; the
/// validation's options follow (<see cref="ValidationKeysFollowServerKeys"/>).
/// </summary>
public sealed class SigningKeyServerOptions(SigningKeyRing ring, MasterKey masterKey)
    : IConfigureOptions<OpenIddictServerOptions>,
      IPostConfigureOptions<OpenIddictServerOptions>,
      IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    /// <summary>HKDF purpose of the key that encrypts authorization codes and refresh tokens.</summary>
    private const string TokenEncryptionPurpose = "auth-token-encryption-v1";

    public string Name => Options.DefaultName;

    public Microsoft.Extensions.Primitives.IChangeToken GetChangeToken() => ring.GetChangeToken();

    public void Configure(OpenIddictServerOptions options)
    {
        foreach (var key in ring.Keys)
        {
            options.SigningCredentials.Add(new SigningCredentials(
                new RsaSecurityKey(key.Key) { KeyId = key.KeyId },
                SecurityAlgorithms.RsaSha256));
        }

        options.EncryptionCredentials.Add(new EncryptingCredentials(
            new SymmetricSecurityKey(masterKey.DeriveKey(TokenEncryptionPurpose, 32)) { KeyId = "enc-1" },
            SecurityAlgorithms.Aes256KW,
            SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    /// <summary>
    /// OpenIddict signs with the first credential after its own post-configuration sorts them, and that sort does
    /// not order RSA keys among themselves; this runs after it and puts the ring's signing key first.
    /// </summary>
    public void PostConfigure(string? name, OpenIddictServerOptions options)
    {
        var signingKeyId = ring.Keys.FirstOrDefault(k => k.Signing)?.KeyId;
        var index = options.SigningCredentials.FindIndex(c => c.Key.KeyId == signingKeyId);
        if (index > 0)
        {
            var credentials = options.SigningCredentials[index];
            options.SigningCredentials.RemoveAt(index);
            options.SigningCredentials.Insert(0, credentials);
        }
    }
}
