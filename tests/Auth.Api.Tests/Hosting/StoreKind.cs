namespace Auth.Api.Tests.Hosting;

/// <summary>The two stores every functional test runs against.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}

public static class Stores
{
    public static readonly StoreKind[] All = [StoreKind.Sqlite, StoreKind.Postgres];
}
