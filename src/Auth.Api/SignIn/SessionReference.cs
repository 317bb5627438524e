using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Auth.Api.SignIn;

/// <summary>
/// A session id's SHA-256, shortened: it names a session in a page's form (account page, console) without showing the
/// id the session cookie protects.
/// </summary>
public static class SessionReference
{
    public static string Of(string sessionId) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)).AsSpan(0, 12));
}
