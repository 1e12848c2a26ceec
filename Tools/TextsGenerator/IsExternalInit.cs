namespace System.Runtime.CompilerServices;

/// <summary>netstandard2.0 lacks this marker type, which records need; the compiler only looks for its name.</summary>
internal static class IsExternalInit;
