using Postmortem.Core.Actions;

namespace Postmortem.Storage.Tests;

/// <summary>An action type ChatAction does not list, so JSON refuses it: a way to make a commit fail midway.</summary>
internal sealed record UnserializableAction : ChatAction;
