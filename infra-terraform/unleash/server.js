// The Unleash server of envs/local. Everything comes from the environment that unleash.sh sets,
// so one file serves the local environment and its Terraform test alike.
const unleash = require('unleash-server');

unleash.start({
  db: {
    host: '127.0.0.1',
    port: Number(process.env.TANDEM_PG_PORT),
    user: 'postgres',
    password: '',
    database: process.env.TANDEM_PG_DATABASE || 'unleash',
    ssl: false,
  },
  server: { port: Number(process.env.TANDEM_UNLEASH_PORT), host: '127.0.0.1' },
  authentication: {
    initApiTokens: [
      { environment: '*', project: '*', secret: process.env.TANDEM_UNLEASH_ADMIN_TOKEN, type: 'admin', tokenName: 'tandem-admin' },
      { environment: 'development', project: 'default', secret: process.env.TANDEM_UNLEASH_CLIENT_TOKEN, type: 'client', tokenName: 'tandem-services' },
    ],
    initialAdminUser: {
      username: process.env.TANDEM_UNLEASH_UI_USER,
      password: process.env.TANDEM_UNLEASH_UI_PASSWORD,
    },
  },
  versionCheck: { enable: false },
  sendTelemetry: false,
  logLevel: 'warn',
});
