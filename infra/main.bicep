// Azure resources for the meeting-links Functions app, deployed by `azd up` / `azd provision`.
// Subscription scope: creates the resource group, then the resources in it (modules/).

targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Azure region for all resources. It must offer the Flex Consumption plan.')
param location string

@description('Resource group name; empty uses rg-<environmentName>.')
param resourceGroupName string = ''

@description('Object id of the deploying user or service principal (azd sets AZURE_PRINCIPAL_ID). It gets Key Vault Secrets Officer on the vault. Empty skips that.')
param principalId string = ''

@secure()
@description('Webex bot token (optional). Empty leaves the vault\'s instantconnect-bottoken secret as it is; on the first provision it then gets a placeholder to replace.')
param instantConnectBotToken string = ''

@description('The vault name an earlier provision output (azd passes AZURE_KEY_VAULT_NAME). Empty means this is the first provision.')
param provisionedKeyVaultName string = ''

@secure()
@minLength(12)
@description('Auth__FlowKeys, ;-separated. azd reads it back from the vault on each provision and generates it only when missing (main.parameters.json).')
param flowKeys string

@secure()
@minLength(12)
@description('Auth__OpsKeys, ;-separated. Read back and generated like flowKeys.')
param opsKeys string

@secure()
@minLength(12)
@description('Receipts__HubSecret: the Webex Connect Outbound Webhook secret. Read back and generated like flowKeys.')
param receiptsHubSecret string

@secure()
@minLength(12)
@description('Webex__WebhookSecret: signs Webex\'s calls for the expert\'s answers (X-Spark-Signature). Read back and generated like flowKeys.')
param webexWebhookSecret string

@description('Connect__EventsUrl: the Webex Connect Inbound Webhook that hears the expert\'s answer; empty until the flow has one (answers are then only recorded).')
param connectEventsUrl string = ''

@secure()
@description('Connect__ServiceKey: the Connect service\'s key, sent in the key header; empty sends none.')
param connectServiceKey string = ''

@secure()
@minLength(12)
@description('Connect__EventsSecret: signs the events (x-hub-signature, HMAC-SHA256) for the Inbound Webhook\'s signature check. Read back and generated like flowKeys.')
param connectEventsSecret string

@description('Key Vault purge protection. Recommended for production; once on it cannot be turned off, and the vault name stays taken until its retention ends.')
param enableKeyVaultPurgeProtection bool = true

@description('Most instances the function app scales out to (Flex Consumption: 40 to 1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance in MB (Flex Consumption).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Instances kept warm for the HTTP functions, so a flow never waits for a cold start (billed while idle). 0 scales to zero.')
@minValue(0)
@maxValue(10)
param alwaysReadyInstances int = 0

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

var tags = {
  'azd-env-name': environmentName
}

// 13 lower-case letters and digits, stable for this subscription, environment and region.
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))

resource rg 'Microsoft.Resources/resourceGroups@2024-11-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    appInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
    tableName: 'meetings'
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    enablePurgeProtection: enableKeyVaultPurgeProtection
    softDeleteRetentionInDays: 90
    instantConnectBotToken: instantConnectBotToken
    firstProvision: empty(provisionedKeyVaultName)
    flowKeys: flowKeys
    opsKeys: opsKeys
    receiptsHubSecret: receiptsHubSecret
    webexWebhookSecret: webexWebhookSecret
    connectServiceKey: connectServiceKey
    connectEventsSecret: connectEventsSecret
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    identityPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    planName: 'plan-${resourceToken}'
    appName: 'func-${resourceToken}'
    location: location
    tags: tags
    identityName: identity.outputs.name
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    tableName: storage.outputs.tableName
    appInsightsName: monitoring.outputs.appInsightsName
    botTokenSecretUri: keyVault.outputs.botTokenSecretUri
    flowKeysSecretUri: keyVault.outputs.flowKeysSecretUri
    opsKeysSecretUri: keyVault.outputs.opsKeysSecretUri
    hubSecretSecretUri: keyVault.outputs.hubSecretSecretUri
    webhookSecretSecretUri: keyVault.outputs.webhookSecretSecretUri
    connectEventsUrl: connectEventsUrl
    connectServiceKeySecretUri: keyVault.outputs.connectServiceKeySecretUri
    hasConnectServiceKey: !empty(connectServiceKey)
    connectEventsSecretSecretUri: keyVault.outputs.connectEventsSecretSecretUri
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReadyInstances: alwaysReadyInstances
  }
  // The host starts as soon as the app exists: its identity must already hold the storage,
  // Key Vault and monitoring roles, or host storage and Key Vault references fail at first start.
  dependsOn: [
    roles
  ]
}

// Read by azd (written to .azure/<env>/.env) and by the commands in infra/README.md.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.uri
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
output AZURE_LOG_ANALYTICS_WORKSPACE_NAME string = monitoring.outputs.logAnalyticsName
