/** Every rule id of the playbook spec §5, in spec order (the engine's tie-break order). */
export const RULE_IDS = [
  "ON1", "ON2", "ON3", "ON4", "ON5", "ON6", "ON7", "ON8", "ON9", "ON10", "ON11", "ON12", "ON13", "ON14",
  "TR1", "TR2", "TR3",
  "FO1", "FO2", "FO3", "FO4", "FO5", "FO6",
  "CX1", "CX2", "CX3", "CX4", "CX5",
  "AD1", "AD2", "AD3", "AD4", "AD5", "AD6", "AD7", "AD8", "AD9", "AD10", "AD11", "AD12", "AD13", "AD14",
  "TL1", "TL2",
  "SM1", "SM2", "SM3", "SM4", "SM5",
  "PD1", "PD2", "PD3",
  "RK1", "RK2", "RK3",
  "UP1", "UP2", "UP3", "UP4"
] as const
export type RuleId = (typeof RULE_IDS)[number]
