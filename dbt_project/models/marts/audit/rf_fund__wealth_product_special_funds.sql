{#- RF_FUND_001 财政专项资金购买理财产品: a wealth-management product paid from an account holding special funds:
    its fund source names 专项 (财政专项资金 and the like), or it is a 专户 (专用存款账户) whose source is not the company's own
    or raised funds (自有资金, 募集资金). Accounts matched on their digits (account_key: spaces and dashes in
    the number do not matter). Amount: the purchase. -#}
with purchases as (
    select * from {{ ref('int_fund__wealth_purchases') }}
),

accounts as (
    select * from {{ ref('int_fund__accounts') }}
),

final as (
    select
        'RF_FUND_001' as rule_id,
        purchases.subsidiary_code,
        'account' as subject_type,
        purchases.account_no as subject_id,
        accounts.bank_name || ' ' || accounts.account_type || ' ' || purchases.account_no as subject_name,
        to_char(purchases.purchase_date, 'YYYY-MM') as period,
        purchases.amount,
        jsonb_build_object(
            '产品', purchases.product_name,
            '发行机构', purchases.issuer,
            '购买金额', purchases.amount,
            '购买日期', purchases.purchase_date,
            '到期日期', purchases.maturity_date,
            '付款账户', purchases.account_no,
            '账户类型', accounts.account_type,
            '资金来源', accounts.fund_source,
            '标准出处', '财政专项资金专款专用管理规定；集团资金管理制度'
        ) as evidence,
        jsonb_build_array(
            {{ source_ref('nc_erp.wealth_product_purchase', ['purchase_no'], "'理财购买 ' || purchase_no") }}
        ) as source_refs,
        purchases.purchase_no as flag_key
    from purchases
    inner join accounts on accounts.account_key = purchases.account_key
    where accounts.fund_source_key like '%专项%'
        -- 专户 is how ledgers write a 专用存款账户 (the account type's name in the bank-account rules)
        or (accounts.account_type_key ~ '专户|专用'
            and coalesce(accounts.fund_source_key, '') not like '%自有%'
            and coalesce(accounts.fund_source_key, '') not like '%募集%')
)

select * from final
