// Key Vault (RBAC mode) with the app's secrets. The app reads them as Key Vault references with
// its user-assigned identity; nothing secret is put in app settings or outputs.

@description('Name of the vault (3-24 letters, digits and dashes, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the vault.')
param tags object

@description('Purge protection: a deleted vault and its secrets cannot be purged before the retention period ends. Once on, it cannot be turned off.')
param enablePurgeProtection bool

@description('Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@secure()
@description('Webex bot token. Empty: the secret is left as it is, or gets a placeholder on the first provision.')
param instantConnectBotToken string

@description('True on the first provision (no vault known yet): only then does an empty bot token write the placeholder.')
param firstProvision bool

@secure()
@description('Auth__FlowKeys: ;-separated keys for the flow role.')
param flowKeys string

@secure()
@description('Auth__OpsKeys: ;-separated keys for the ops role.')
param opsKeys string

@secure()
@description('Receipts__HubSecret: the Webex Connect Outbound Webhook secret that signs x-hub-signature.')
param receiptsHubSecret string

@secure()
@description('Webex__WebhookSecret: signs Webex\'s calls for the expert\'s answers.')
param webexWebhookSecret string

@secure()
@description('Connect__ServiceKey: the Connect service\'s key; empty stores none.')
param connectServiceKey string = ''

@secure()
@description('Connect__EventsSecret: signs the events to the flow\'s Inbound Webhook.')
param connectEventsSecret string

var botTokenSecretName = 'instantconnect-bottoken'
var flowKeysSecretName = 'auth-flowkeys'
var opsKeysSecretName = 'auth-opskeys'
var hubSecretSecretName = 'receipts-hubsecret'

// Not a secret: what the bot-token secret holds until the operator sets the real token. The broker
// refuses it, so create calls answer 502 upstream_rejected rather than the app failing to start.
var botTokenPlaceholder = 'placeholder-set-the-webex-bot-token-in-key-vault'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // Key Vault refuses an explicit false: leave it out unless it is turned on.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// Written when a token is given, or as a placeholder on the first provision; otherwise left as
// the operator set it (az keyvault secret set), so a re-provision never overwrites the real token.
resource botToken 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(instantConnectBotToken) || firstProvision) {
  parent: vault
  name: botTokenSecretName
  properties: {
    value: empty(instantConnectBotToken) ? botTokenPlaceholder : instantConnectBotToken
    contentType: 'Webex bot token (InstantConnect__BotToken)'
  }
}

resource flowKeysSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: flowKeysSecretName
  properties: {
    value: flowKeys
    contentType: 'API keys for the flow role, ;-separated (Auth__FlowKeys)'
  }
}

resource opsKeysSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: opsKeysSecretName
  properties: {
    value: opsKeys
    contentType: 'API keys for the ops role, ;-separated (Auth__OpsKeys)'
  }
}

resource hubSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: hubSecretSecretName
  properties: {
    value: receiptsHubSecret
    contentType: 'Webex Connect Outbound Webhook secret (Receipts__HubSecret)'
  }
}

resource webhookSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'webex-webhooksecret'
  properties: {
    value: webexWebhookSecret
    contentType: 'Webex webhook secret for the expert\'s answers (Webex__WebhookSecret)'
  }
}

resource connectServiceKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(connectServiceKey)) {
  parent: vault
  name: 'connect-servicekey'
  properties: {
    value: connectServiceKey
    contentType: 'Webex Connect service key for the Inbound Webhook (Connect__ServiceKey)'
  }
}

resource connectEventsSecretSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'connect-eventssecret'
  properties: {
    value: connectEventsSecret
    contentType: 'Signs the events to the Webex Connect Inbound Webhook (Connect__EventsSecret)'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri

// Versionless URIs: the app always resolves the current version of each secret.
output botTokenSecretUri string = '${vault.properties.vaultUri}secrets/${botTokenSecretName}'
output flowKeysSecretUri string = flowKeysSecret.properties.secretUri
output opsKeysSecretUri string = opsKeysSecret.properties.secretUri
output hubSecretSecretUri string = hubSecret.properties.secretUri
output webhookSecretSecretUri string = webhookSecret.properties.secretUri
// Versionless; the secret exists only when a service key was given.
output connectServiceKeySecretUri string = '${vault.properties.vaultUri}secrets/connect-servicekey'
output connectEventsSecretSecretUri string = connectEventsSecretSecret.properties.secretUri
