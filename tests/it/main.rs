mod fake_telegram;
