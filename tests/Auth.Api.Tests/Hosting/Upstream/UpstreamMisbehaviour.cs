namespace Auth.Api.Tests.Hosting.Upstream;

/// <summary>What the test upstream can be told to do wrong, for the tests that attack or break a federated sign-in.</summary>
public enum UpstreamMisbehaviour
{
    /// <summary>ID tokens carry a nonce other than the one the client sent, signed correctly.</summary>
    SwapNonce,

    /// <summary>The token endpoint never answers.</summary>
    HangToken,

    /// <summary>Every sign-in ends with <c>login_required</c>, as an upstream whose policy refuses it.</summary>
    LoginRequired,
}
