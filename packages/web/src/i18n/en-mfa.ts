/**
 * The English messages for two-step sign-in (docs/decisions/0019-mfa.md): the second step of signing in, setting up
 * an authenticator app, recovery codes, turning it off, and the wait after too many tries. Part of the one catalogue
 * (`en.ts` spreads it in).
 */
export const enMfa = {
  'login.wait': 'Too many attempts: try again in {wait}.',
  'wait.second': '1 second',
  'wait.seconds': '{n} seconds',
  'wait.minute': '1 minute',
  'wait.minutes': '{n} minutes',

  'login.codeTitle': 'Enter your code',
  'login.codeIntro':
    'Your password was right. Open your authenticator app and enter the code it shows for IPT Workbench.',
  'login.recoveryIntro': 'Enter one of the recovery codes you saved when you set up two-step sign-in.',
  'login.code': 'Code from your app',
  'login.codeHint': '6 digits. The app shows a new one every 30 seconds.',
  'login.recoveryCode': 'Recovery code',
  'login.recoveryHint': 'Each recovery code works once.',
  'login.useRecovery': 'Use a recovery code instead',
  'login.useCode': 'Use a code from your app instead',
  'login.verify': 'Continue',
  'login.verifying': 'Checking…',
  'login.startAgain': 'Start again with your password',
  'login.expired': 'That took longer than five minutes. Sign in with your password again.',
  'login.enrolTitle': 'Set up two-step sign-in',
  'login.enrolIntro':
    'Your password was right. Your organisation asks everyone to sign in with a second step as well: a code from an authenticator app on your phone. Set it up now to continue.',

  'mfa.title': 'Two-step sign-in',
  'mfa.headerLink': 'Two-step sign-in',
  'mfa.intro':
    'With two-step sign-in, signing in takes your password and a code from an authenticator app on your phone, so a password someone else has learnt does not open your patients’ records on its own.',
  'mfa.on': 'Two-step sign-in is on, since {date}.',
  'mfa.off': 'Two-step sign-in is off.',
  'mfa.required': 'Your organisation requires two-step sign-in, so it cannot be turned off.',
  'mfa.codesLeft': 'Recovery codes left: {count} of 10.',
  'mfa.start': 'Set up two-step sign-in',
  'mfa.starting': 'Preparing…',
  'mfa.scanTitle': '1. Add IPT Workbench to your authenticator app',
  'mfa.scanIntro': 'Scan this QR code with your authenticator app.',
  'mfa.qrLabel': 'QR code that adds IPT Workbench to an authenticator app',
  'mfa.manualIntro': 'Or type this key into the app by hand:',
  'mfa.settings': 'Account {account}. Time-based, 6 digits, a new code every 30 seconds.',
  'mfa.uriSummary': 'Show the setup link',
  'mfa.confirmTitle': '2. Enter the code the app shows',
  'mfa.confirm': 'Turn on two-step sign-in',
  'mfa.confirming': 'Checking…',
  'mfa.codesTitle': '3. Save your recovery codes',
  'mfa.codesIntro':
    'If you lose your phone, each of these codes lets you sign in once. Keep them somewhere safe, away from your phone: they are shown only now.',
  'mfa.codesList': 'Your recovery codes',
  'mfa.codesSaved': 'I have saved these recovery codes',
  'mfa.codesNotSaved': 'Save the recovery codes first, then tick the box.',
  'mfa.continue': 'Continue',
  'mfa.turnedOn': 'Two-step sign-in is on. Your other sessions were signed out.',
  'mfa.disableTitle': 'Turn two-step sign-in off',
  'mfa.disableIntro': 'To turn it off, enter your password and a code from your app (or a recovery code).',
  'mfa.password': 'Your password',
  'mfa.disable': 'Turn off two-step sign-in',
  'mfa.disabling': 'Turning off…',
  'mfa.turnedOff': 'Two-step sign-in is off. Your other sessions were signed out.',
} as const;
